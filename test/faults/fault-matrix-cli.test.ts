import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { CLI, runCli } from '../support/cli-process.ts';
import { clientDroppedResetSockets } from '../support/sockets.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { FAULTS } from './fault-cases.ts';
import { recordCell, reportTotals, type Reported } from './matrix-totals.ts';

// The fault matrix for the CLI's paths, as real subprocesses: a saved event sent with
// `event-desk send --saved`, and a replay killed with SIGKILL while a request hangs, then resumed.
const temp = tempFoldersFor('event-desk-faults-cli-');
let mock: MockServer;
let service: string;
let env: Record<string, string>;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
  service = `Event Desk fault matrix ${randomUUID()}`;
  await new KeytarSecretStore(service).set('profile:default', mock.apiKey);
});
afterAll(async () => {
  reportTotals();
  await new KeytarSecretStore(service).delete('profile:default');
  await mock.close();
});

const stored = (name: string, customer: number, cell: string) => mock.events.filter((event) => event.name === name && event.customer === customer && event.data.cell === cell).length;

function reportedByExit(code: number | null, stderr: string): Reported {
  if (code === 0) return stderr.includes('outbox') ? 'queued' : 'delivered';
  if (code === 4) return 'unknown';
  return stderr.includes('rejected') || stderr.includes('redirect') ? 'rejected' : 'failed';
}

describe('fault matrix, CLI', () => {
  it('event-desk send --saved under every fault: exit codes say what may have landed, nothing twice', { timeout: 300_000 }, async () => {
    const userDataDir = temp();
    env = { EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service, EVENT_DESK_REQUEST_TIMEOUT_MS: '2000' };
    const core = createCore({ userDataDir, apiBaseUrl: mock.url, secretStore: new KeytarSecretStore(service) });
    core.activeScope().library.create({ title: 'CLI matrix', name: 'CLI saved', template: { cell: '{{input.cell}}' }, fields: [{ key: 'cell', label: 'Cell', type: 'text', required: true }] });
    core.close();
    for (const [index, cell] of FAULTS.entries()) {
      const customer = 1001 + index;
      mock.clearFaults();
      // 429/503 answer Retry-After 0 so the CLI's five attempts take no time.
      if (cell.fault) mock.injectFault(cell.fault);
      await clientDroppedResetSockets();
      const result = await runCli(['send', '--saved', 'CLI matrix', '--customer', String(customer), '--input', `cell=${cell.name}`, '--queue-if-offline'], { env, timeoutMs: 30_000 });
      const reported = reportedByExit(result.code, result.stderr);
      const landed = stored('CLI saved', customer, cell.name);
      mock.clearFaults();
      // Going on: the outbox drains what was queued; unknown outcomes stay put.
      await runCli(['outbox', 'drain'], { env });
      const afterwards = stored('CLI saved', customer, cell.name);
      recordCell({ path: 'CLI send', fault: cell.name, reported, stored: afterwards });
      const where = `CLI send / ${cell.name} (exit ${result.code}: ${result.stderr.trim().slice(0, 200)})`;
      expect(result.stderr, where).not.toMatch(/\n\s+at /);
      expect(landed, where).toBeLessThanOrEqual(1);
      if (cell.expected === 'maybe-landed') expect(reported, where).toBe('unknown');
      if (cell.expected === 'delivered') expect(reported, where).toBe('delivered');
      if (reported === 'queued') expect(afterwards, where).toBe(1);
      else expect(afterwards, where).toBe(landed);
    }
  });

  it('a replay killed (SIGKILL) while HelpCrunch holds a stored event, then resumed in another process: that event is "unknown", never resent; the rest land once', { timeout: 60_000 }, async () => {
    const userDataDir = temp();
    env = { EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service, EVENT_DESK_REQUEST_TIMEOUT_MS: '60000' };
    const file = join(temp(), 'five.ndjson');
    writeFileSync(file, Array.from({ length: 5 }, (_, n) => JSON.stringify({ name: 'Killed', customer: 1001 + n, data: { cell: `killed ${n}` } })).join('\n'));
    mock.clearFaults();
    // Requests 1 and 2 go through; the 3rd is stored, then never answered.
    mock.injectFault({ kind: 'latency', ms: 0, count: 2, path: '/v1/events' });
    mock.injectFault({ kind: 'hang', afterStore: true, path: '/v1/events' });
    const child = spawn(process.execPath, [CLI, 'replay', file, '--yes'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Wait for the state: the third event is stored (and its answer withheld).
    while (mock.events.filter((event) => event.name === 'Killed').length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    mock.clearFaults();
    const list = JSON.parse((await runCli(['jobs', 'list', '--json'], { env })).stdout) as { id: number }[];
    const resumed = await runCli(['jobs', 'resume', String(list[0]!.id), '--yes'], { env, timeoutMs: 30_000 });
    const counts = (cell: number) => stored('Killed', 1001 + cell, `killed ${cell}`);
    recordCell({ path: 'CLI replay, SIGKILL', fault: '1 faults', reported: 'unknown', stored: mock.events.filter((event) => event.name === 'Killed').length, items: 5, twice: [0, 1, 2, 3, 4].filter((n) => counts(n) > 1).length, lost: [0, 1, 2, 3, 4].filter((n) => counts(n) === 0).length, unknown: 1 });
    expect([0, 1, 2, 3, 4].map(counts), resumed.stderr).toEqual([1, 1, 1, 1, 1]);
    expect(resumed.code, resumed.stderr).toBe(4);
    expect(resumed.stderr).toContain('may or may not have arrived');
  });
});
