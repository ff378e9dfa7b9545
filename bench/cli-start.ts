import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockProcess } from './mock-process.ts';
import { ms, summarize } from './stats.ts';

const RUNS = 20;
const CLI = join(import.meta.dirname, '..', 'bin', 'event-desk.js');

/**
 * CLI cold start: the wall time of a whole `event-desk send` process (start Node, load the core,
 * open the database, read the key, send, record) beside a bare `node -e` fetch of the same request
 * to the same mock. Runs alternate. The key comes from a private keychain when run under
 * scripts/with-keyring.sh; otherwise this benchmark says it cannot run.
 */
export async function benchCliStart(): Promise<void> {
  console.log(`\n## CLI cold start: ${RUNS} alternating runs of each, local mock in its own process`);
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    console.log('Skipped: no D-Bus session for the keychain. Run `bash scripts/with-keyring.sh npm run bench`.');
    return;
  }
  const mock = await startMockProcess();
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-cli-'));
  const env = { ...process.env, EVENT_DESK_USER_DATA: folder, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: `Event Desk bench ${process.pid}`, NO_COLOR: '1' };
  const node = process.execPath;
  const bare = `fetch(${JSON.stringify(`${mock.url}/events`)}, { method: 'POST', headers: { Authorization: 'Bearer ${mock.key}', 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Call made', customer: 1001, data: {} }) }).then((r) => r.json()).then((b) => { if (!b.id) process.exit(1); })`;
  try {
    spawnSync(node, [CLI, 'key', 'set'], { env, input: mock.key });
    const cli: number[] = [];
    const plain: number[] = [];
    const time = (args: string[]) => {
      const started = performance.now();
      const result = spawnSync(node, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
      return performance.now() - started;
    };
    for (let i = 0; i < RUNS; i += 1) {
      // --rate: back-to-back runs would otherwise (rightly) wait for the shared budget's next slot.
      cli.push(time([CLI, '--rate', '100000', 'send', '--name', 'Call made', '--customer', '1001', '--data', JSON.stringify({ run: i })]));
      plain.push(time(['-e', bare]));
    }
    const c = summarize(cli);
    const p = summarize(plain);
    console.log('| process | median | p95 |');
    console.log('| --- | --- | --- |');
    console.log(`| event-desk send | ${ms(c.median)} | ${ms(c.p95)} |`);
    console.log(`| node -e fetch(...) | ${ms(p.median)} | ${ms(p.p95)} |`);
    console.log(`Ratio (median): ${(c.median / p.median).toFixed(2)} — target <= 2: ${c.median / p.median <= 2 ? 'met' : 'NOT met'}`);
  } finally {
    spawnSync(node, [CLI, 'key', 'remove'], { env });
    mock.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
