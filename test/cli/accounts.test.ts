import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeytarSecretStore } from '../../src/main/core/index.ts';
import { freePort } from '../../tools/free-port.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { runCli } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Account safety in the CLI, as a real subprocess against the mock: the production flag, the
// launch override's reach, and work made for another origin.
// Each run starts a Node process (seconds on a loaded machine): the timeouts only guard against a hang.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
const temp = tempFoldersFor('event-desk-cli-accounts-');
let mock: MockServer;
let service: string;
let base: Record<string, string>;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 100_000 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  service = `Event Desk cli accounts test ${randomUUID()}`;
  // No HELPCRUNCH_API_URL: each account's own base URL applies unless a test sets one.
  base = { EVENT_DESK_USER_DATA: temp(), EVENT_DESK_KEYCHAIN_SERVICE: service };
});
afterEach(async () => {
  // Every account's key entry (profile:<id>) leaves the test keyring.
  const listed = await run(['profiles', 'list', '--json']);
  const ids = listed.code === 0 ? (JSON.parse(listed.stdout) as { profiles: { id: string }[] }).profiles.map((profile) => profile.id) : ['default'];
  const store = new KeytarSecretStore(service);
  for (const id of ids) await store.delete(`profile:${id}`);
});

const run = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => runCli(args, { env: { ...base, ...options.env }, ...(options.input === undefined ? {} : { input: options.input }) });
const sent = (server: MockServer) => server.received.filter((request) => request.path === '/v1/events');

/** A production account "Live" pointing at the mock, with its key. */
async function liveAccount(): Promise<void> {
  expect((await run(['profiles', 'create', 'Live', '--production', '--api-url', mock.url])).code).toBe(0);
  expect((await run(['--profile', 'Live', 'key', 'set'], { input: mock.apiKey })).code).toBe(0);
}

describe('production accounts', () => {
  it('without a terminal, a send needs --yes --confirm-account with the exact name: otherwise exit 2 and nothing is sent', async () => {
    await liveAccount();
    const send = ['--profile', 'Live', 'send', '--name', 'Refund issued', '--customer', '1001'];
    const missing = await run(send);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"Live" is a production account');
    expect(missing.stderr).toContain('--yes --confirm-account "Live"');
    const noYes = await run([...send, '--confirm-account', 'Live']);
    expect(noYes.code).toBe(2);
    const wrong = await run([...send, '--yes', '--confirm-account', 'Staging']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('does not name the account');
    expect(sent(mock)).toEqual([]);

    const right = await run([...send, '--yes', '--confirm-account', 'Live']);
    expect(right.code).toBe(0);
    expect(right.stderr).toContain('Sent:');
    expect(sent(mock)).toHaveLength(1);
  });

  it('replay in a production account names it and refuses without --confirm-account; the plan is discarded', async () => {
    await liveAccount();
    const file = `${temp()}/events.ndjson`;
    writeFileSync(file, `${JSON.stringify({ name: 'Replayed', customer: 1001, data: {} })}\n`);
    const refused = await run(['--profile', 'Live', 'replay', file, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('production account');
    expect(JSON.parse((await run(['--profile', 'Live', 'jobs', 'list', '--json'])).stdout)).toEqual([]);
    const started = await run(['--profile', 'Live', 'replay', file, '--yes', '--confirm-account', 'Live']);
    expect(started.code).toBe(0);
    expect(sent(mock)).toHaveLength(1);
  });

  it('a production account\'s key goes to --api-url only with --confirm-account', async () => {
    const other = await startMockServer({ rateLimitPerMinute: 100_000 });
    try {
      await liveAccount();
      const override = ['--profile', 'Live', '--api-url', other.url];
      const refused = await run([...override, 'send', '--name', 'Call made', '--customer', '1001', '--yes']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`at ${other.url}`);
      expect(other.received).toEqual([]);
      const test = await run([...override, 'key', 'test']);
      expect(test.code).toBe(3);
      expect(other.received).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('the launch override and origins', () => {
  it('the override applies to the command\'s account only: another account keeps its own base URL', async () => {
    const stagingUrl = 'https://staging.example/v1';
    expect((await run(['profiles', 'create', 'Staging', '--api-url', stagingUrl])).code).toBe(0);
    const lines = (await run(['profiles', 'list'], { env: { HELPCRUNCH_API_URL: mock.url } })).stdout.split('\n');
    // Default is the launch account: the override is its alone.
    expect(lines.find((line) => line.includes('Default'))).toContain(mock.url);
    expect(lines.find((line) => line.includes('Staging'))).toContain(stagingUrl);
    const staging = (await run(['--profile', 'Staging', 'profiles', 'list'], { env: { HELPCRUNCH_API_URL: mock.url } })).stdout.split('\n');
    expect(staging.find((line) => line.includes('Staging'))).toContain(stagingUrl);
  });

  it('an outbox item made for one origin is refused (exit 2) when the account points elsewhere; sent when it points back', async () => {
    const port = await freePort();
    const offline = { HELPCRUNCH_API_URL: `http://127.0.0.1:${port}/v1` };
    expect((await run(['key', 'set'], { input: mock.apiKey, env: offline })).code).toBe(0);
    const queued = await run(['send', '--name', 'Call made', '--customer', '1001', '--queue-if-offline'], { env: offline });
    expect(queued.code).toBe(0);
    // The same account, launched pointing at another host: the item is not sent there.
    const elsewhere = await run(['outbox', 'drain'], { env: { HELPCRUNCH_API_URL: mock.url } });
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(`was made for http://127.0.0.1:${port}, but the account now points at ${new URL(mock.url).origin}`);
    expect(mock.received).toEqual([]);
    const listed = await run(['outbox', 'list'], { env: { HELPCRUNCH_API_URL: mock.url } });
    expect(listed.stdout).toContain('Send it there?');
    const back = await startMockServer({ port });
    try {
      const drained = await run(['outbox', 'drain'], { env: offline });
      expect(drained.code).toBe(0);
      expect(sent(back)).toHaveLength(1);
    } finally {
      await back.close();
    }
  });
});
