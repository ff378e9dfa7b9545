// Gates CI on electronegativity's CSV report: every HIGH or MEDIUM finding must be in the reviewed
// allow-list (check + file) with a reason. electronegativity itself exits 0 whatever it finds.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const [reportPath, allowPath] = process.argv.slice(2) as [string, string];
let rows: Record<string, string>[];
try {
  rows = parse(readFileSync(reportPath, 'utf8'), { columns: true, trim: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
} catch (error) {
  // A report cut short (the scanner exited before its write finished): the caller scans again.
  console.error(`electronegativity's report cannot be read (${(error as Error).message.split('\n')[0]}).`);
  process.exit(75);
}
const allow = (JSON.parse(readFileSync(allowPath, 'utf8')) as { accepted: { check: string; file: string; reason: string }[] }).accepted;
const accepted = (row: Record<string, string>) => allow.some((entry) => entry.check === row.issue && entry.file === row.filename && entry.reason.trim().length > 20);

const serious = rows.filter((row) => row.severity === 'HIGH' || row.severity === 'MEDIUM');
const refused = serious.filter((row) => !accepted(row));
for (const row of rows) {
  const mark = refused.includes(row) ? 'FAIL' : serious.includes(row) ? 'accepted' : 'info';
  console.log(`${mark.padEnd(8)} ${row.severity?.padEnd(6)} ${row.issue} ${row.filename}:${row.location}`);
}
if (rows.length === 0 && !readFileSync(reportPath, 'utf8').startsWith('issue')) {
  console.error('electronegativity wrote no report: the scan did not run.');
  process.exit(1);
}
if (refused.length > 0) {
  console.error(`electronegativity: ${refused.length} HIGH/MEDIUM finding(s) not in ${allowPath}. Fix them, or review and list them there with the reason.`);
  process.exit(1);
}
console.log(`electronegativity: ${serious.length} HIGH/MEDIUM finding(s), all reviewed in ${allowPath}; ${rows.length - serious.length} informational.`);
