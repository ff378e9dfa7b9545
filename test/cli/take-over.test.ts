import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { CLI, runCli } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// A CLI replay stopped (SIGSTOP, as Ctrl+Z or a closed laptop would) past its lease, another CLI
// run taking the job over, then the first woken: no event reaches the server twice.
const temp = tempFoldersFor('event-desk-take-over-');
let mock: MockServer;
let service: string;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000, latencyMs: 40 });
  service = `Event Desk take-over test ${randomUUID()}`;
  await new KeytarSecretStore(service).set('profile:default', mock.apiKey);
});
afterAll(async () => {
  await new KeytarSecretStore(service).delete('profile:default');
  await mock.close();
});

const posted = () => mock.received.filter((request) => request.path === '/v1/events').map((request) => (request.body as { data: { n: number } }).data.n);

describe('a stalled CLI replay', () => {
  it('is taken over only with --take-over, sends nothing when it wakes, and no event is POSTed twice', async () => {
    const userDataDir = temp();
    // A short lease so the stop outlasts it in about a second (the default is 30 s).
    const env = { EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service, EVENT_DESK_LEASE_MS: '1000', NO_COLOR: '1' };
    const file = join(userDataDir, 'events.ndjson');
    writeFileSync(file, Array.from({ length: 40 }, (_, n) => JSON.stringify({ name: 'Backfill', customer: 1001, data: { n } })).join('\n'));

    const first = spawn(process.execPath, [CLI, '--rate', '600', 'replay', file, '--yes'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstErr = '';
    first.stderr.on('data', (chunk: Buffer) => (firstErr += chunk.toString()));
    const firstExit = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    await waitFor(() => posted().length >= 5);
    first.kill('SIGSTOP');
    const postedWhileStopped = posted().length;

    try {
      // While its lease holds, it is "running elsewhere" (exit 1); once it lapses, resuming without
      // --take-over is refused with a line that says how (exit 2). Nothing is sent either way.
      let refused = await runCli(['jobs', 'resume', '1', '--yes'], { env });
      while (refused.code === 1 && refused.stderr.includes('is running in')) refused = await runCli(['jobs', 'resume', '1', '--yes'], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--take-over');
      expect(refused.stderr).not.toMatch(/unexpected problem|\n\s+at /);
      expect((JSON.parse((await runCli(['jobs', 'list', '--json'], { env })).stdout) as { holder: { stalled: boolean } | null }[])[0]!.holder).toMatchObject({ stalled: true, pid: first.pid });

      const taken = await runCli(['jobs', 'resume', '1', '--yes', '--take-over'], { env, timeoutMs: 30_000 });
      expect(taken.stderr).toContain('Took over job 1');
      // 0, or 4 when the stopped process had an event in flight (now "Outcome unknown").
      expect([0, 4]).toContain(taken.code);
    } finally {
      first.kill('SIGCONT');
    }
    expect(await firstExit).toBe(1);
    expect(firstErr).toContain('was taken over by another Event Desk process');

    const sentTwice = posted().filter((n, index, all) => all.indexOf(n) !== index);
    expect(sentTwice).toEqual([]);
    expect(posted().toSorted((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(postedWhileStopped).toBeLessThan(40);
    const job = JSON.parse((await runCli(['jobs', 'show', '1', '--json'], { env })).stdout) as { state: string; counts: Record<string, number> };
    expect(job.state).toBe('finished');
    expect((job.counts.sent ?? 0) + (job.counts.unknown ?? 0)).toBe(40);
    expect(job.counts.unknown ?? 0).toBeLessThanOrEqual(1);
  }, 60_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
