import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { CLI, runCli } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The app's core in this process and CLI subprocesses, on one user-data folder: one rate budget,
// and crash recovery that only touches the sends of processes that are gone.
const temp = tempFoldersFor('event-desk-shared-');
let mock: MockServer;
let service: string;

beforeAll(async () => {
  mock = await startMockServer();
  service = `Event Desk shared test ${randomUUID()}`;
  await new KeytarSecretStore(service).set('profile:default', mock.apiKey);
});
afterAll(async () => {
  await new KeytarSecretStore(service).delete('profile:default');
  await mock.close();
});
afterEach(() => mock.reset());

function openAppCore(userDataDir: string, requestsPerMinute = 120) {
  return createCore({ userDataDir, apiBaseUrl: mock.url, secretStore: new KeytarSecretStore(service), requestsPerMinute, host: 'app' });
}

describe('one rate budget across processes', () => {
  it('the app and two CLI runs sending at once: never over the limit in any window, every event delivered once', async () => {
    // 50 requests per 5 s window (10/s) at the mock, a minute scaled down; every process budgets
    // the same 600/min. 96 requests in all, so an unshared budget would be far over the limit.
    await fetch(mock.url.replace('/v1', '/__mock/config'), { method: 'POST', body: JSON.stringify({ rateLimitPerMinute: 50, rateWindowMs: 5000 }) });
    const userDataDir = temp();
    const env = { EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service, NO_COLOR: '1' };
    const core = openAppCore(userDataDir, 600);
    try {
      const cliLoop = async (tag: string) => {
        const codes: (number | null)[] = [];
        for (let i = 0; i < 8; i += 1) codes.push((await runCli(['--rate', '600', 'send', '--name', `CLI ${tag}`, '--customer', '1001', '--data', JSON.stringify({ i })], { env })).code);
        return codes;
      };
      const appLoop = async () => {
        const outcomes: string[] = [];
        for (let i = 0; i < 80; i += 1) outcomes.push((await core.activeScope().sender.send({ name: 'App', customer: 1001, data: { i } })).outcome);
        return outcomes;
      };
      const [a, b, app] = await Promise.all([cliLoop('a'), cliLoop('b'), appLoop()]);
      expect([...a, ...b]).toEqual(Array(16).fill(0));
      expect(app).toEqual(Array(80).fill('sent'));
      // The budget equals the server's limit here, so a request the machine delays past its slot
      // (a loaded CI machine stalls a process for tens of ms) bunches with the next ones at the
      // server and can draw a 429 — retried, never lost. Unshared budgets would draw dozens.
      expect(mock.rateLimited).toBeLessThanOrEqual(3);
      expect(mock.admitted.length).toBe(96);
      expect(mock.busiestWindow(5000)).toBeLessThanOrEqual(50);
      expect(core.history.count(core.activeScope().profile, EMPTY_FILTER)).toBe(96);
    } finally {
      core.close();
      await fetch(mock.url.replace('/v1', '/__mock/config'), { method: 'POST', body: JSON.stringify({ rateLimitPerMinute: 120, rateWindowMs: 60_000 }) });
    }
  }, 60_000);
});

describe('crash recovery touches only dead processes\' sends', () => {
  it('a CLI SIGKILLed mid-send: its row becomes unknown at the next start; the app\'s live send completes', async () => {
    const userDataDir = temp();
    const env = { ...process.env, EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service, NO_COLOR: '1' };
    const core = openAppCore(userDataDir);
    try {
      // The CLI's request never gets an answer; the app's takes 3 s.
      mock.injectFault({ kind: 'hang', path: '/v1/events' });
      const child = spawn(process.execPath, [CLI, 'send', '--name', 'CLI send', '--customer', '1001'], { env, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await waitFor(() => mock.received.some((request) => (request.body as { name?: string })?.name === 'CLI send'));
      mock.injectFault({ kind: 'latency', ms: 3000, path: '/v1/events' });
      const appSend = core.activeScope().sender.send({ name: 'App send', customer: 1001, data: {} });
      await waitFor(() => mock.received.some((request) => (request.body as { name?: string })?.name === 'App send'));
      child.kill('SIGKILL');
      await exited;

      // The next start (another CLI run) recovers while the app is still waiting for its answer.
      const listed = await runCli(['history', '--json'], { env: { EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service } });
      expect(listed.stderr).toContain('1 send was interrupted');
      const byName = Object.fromEntries((JSON.parse(listed.stdout) as { request: { name: string }; outcome: string }[]).map((entry) => [entry.request.name, entry.outcome]));
      expect(byName).toEqual({ 'CLI send': 'unknown', 'App send': 'sending' });

      expect((await appSend).outcome).toBe('sent');
      const after = core.history.page(10, null, core.activeScope().profile, EMPTY_FILTER).entries.map((entry) => [entry.request.name, entry.outcome]);
      expect(Object.fromEntries(after)).toEqual({ 'CLI send': 'unknown', 'App send': 'sent' });
    } finally {
      core.close();
    }
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
