// Lists hard-coded user-facing strings in JSX: node scripts/i18n/check-literal-strings.ts [files or folders…]
// (default src/renderer/src). Exits 1 when it finds any; `npm run lint` runs it, so English written
// straight into a view fails CI.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findLiteralStrings } from './find-literal-strings.ts';

// The same in every language: the product's name and the names of formats and protocols.
const ALLOW = ['Event Desk', 'HelpCrunch', 'API', 'JSON', 'CSV', 'NDJSON', 'cURL', 'HTTP', 'URL', 'ID'];

// A keyboard shortcut's key after the modifier (`{modKey}+Enter`, `+S`, `+K`): key names are what the
// keycaps say, and Polish and Ukrainian software writes them the same (docs/i18n.md: shortcuts unchanged).
const KEY_HINT = /^\+(?:Enter|Esc|Tab|Space|[A-Z0-9,.])$/;

function jsxFiles(path: string): string[] {
  if (statSync(path).isFile()) return /\.[jt]sx$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : jsxFiles(join(path, name))));
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src/renderer/src'];
let count = 0;
for (const file of roots.flatMap(jsxFiles)) {
  for (const found of findLiteralStrings(readFileSync(file, 'utf8'), file, { allow: ALLOW })) {
    if (KEY_HINT.test(found.text)) continue;
    count += 1;
    const where = found.attribute === undefined ? found.kind : `${found.attribute}=`;
    console.log(`${relative(process.cwd(), file)}:${found.line}:${found.column}  ${where}  ${JSON.stringify(found.text)}`);
  }
}
if (count > 0) {
  console.log(`\n${count} hard-coded user-facing string${count === 1 ? '' : 's'}: move them to src/renderer/src/i18n/messages/ (docs/i18n.md).`);
  process.exitCode = 1;
}
