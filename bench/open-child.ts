// One of the processes of the concurrent-first-open benchmark: for each round, waits for the round's
// moment, opens that round's new user-data folder as a host does at startup, writes once, closes.
// Prints one JSON line: how many rounds failed, and the first few messages.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage } from '../src/main/storage/open-storage.ts';

const [base, startAt, rounds, spacingMs] = process.argv.slice(2).map((value, index) => (index === 0 ? value : Number(value))) as [string, number, number, number];
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const failures: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  const at = startAt + round * spacingMs;
  while (Date.now() < at) Atomics.wait(sleeper, 0, 0, 1);
  const folder = join(base, String(round));
  try {
    const { db, recovered } = openStorage(join(folder, 'history.sqlite'), new Date());
    db.prepare('INSERT OR IGNORE INTO rate_budgets (profile, next_at, paused_until) VALUES (?, 0, 0)').run(String(process.pid));
    db.close();
    if (recovered) failures.push(`round ${round}: moved aside (${recovered.reason})`);
  } catch (error) {
    failures.push(`round ${round}: ${(error as Error).message}`);
  }
  if (readdirSync(folder).some((name) => name.includes('unreadable'))) failures.push(`round ${round}: a file was moved aside`);
}
console.log(JSON.stringify({ failed: failures.length, messages: failures.slice(0, 5) }));
