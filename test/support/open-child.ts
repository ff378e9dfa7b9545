// Child process for the simultaneous-open test: waits for a shared moment, opens the history in the
// given folder as a host does at startup, writes once, and prints "ok" or the error.
import { join } from 'node:path';
import { openStorage } from '../../src/main/storage/open-storage.ts';

const [folder, at] = process.argv.slice(2) as [string, string];
while (Date.now() < Number(at)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
try {
  const { db, recovered } = openStorage(join(folder, 'history.sqlite'), new Date());
  db.prepare('INSERT OR IGNORE INTO rate_budgets (profile, next_at, paused_until) VALUES (?, 0, 0)').run(String(process.pid));
  db.close();
  process.stdout.write(recovered ? `moved aside: ${recovered.reason}` : 'ok');
} catch (error) {
  process.stdout.write(`failed: ${(error as Error).message}`);
}
