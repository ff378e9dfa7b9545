import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import { makeCustomers } from '../../tools/mock-api/customers.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { runCli, runCliOnTty } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { freePort } from '../../tools/free-port.ts';

// `event-desk` as a real subprocess against the mock, in the private keyring session (npm test).
// Each run starts a Node process (seconds on a loaded machine, and a test makes up to a dozen):
// the timeouts only guard against a hang.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
const temp = tempFoldersFor('event-desk-cli-');
let mock: MockServer;
let env: Record<string, string>;
let service: string;

beforeAll(async () => {
  const customers = makeCustomers();
  // Two customers sharing an email, to test that an ambiguous email sends nothing.
  customers[5] = { ...customers[5]!, email: 'twins@example.com' };
  customers[6] = { ...customers[6]!, email: 'Twins@Example.com' };
  mock = await startMockServer({ customers, rateLimitPerMinute: 100_000 });
});
afterAll(() => mock.close());

beforeEach(() => {
  mock.reset();
  service = `Event Desk cli test ${randomUUID()}`;
  env = { EVENT_DESK_USER_DATA: temp(), HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service };
});
afterEach(async () => {
  await new KeytarSecretStore(service).delete('profile:default');
});

const cli = (args: string[], input?: string) => runCli(args, { env, ...(input === undefined ? {} : { input }) });
const setKey = () => cli(['key', 'set'], `${mock.apiKey}\n`);

describe('event-desk key', () => {
  it('refuses a key on the command line, with the reason, and stores nothing', async () => {
    for (const args of [['key', 'set', mock.apiKey], ['key', 'set', '--key', mock.apiKey]]) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('never taken from the command line');
      expect(result.stderr).toContain('shell history');
    }
    expect((await cli(['key', 'status'])).code).toBe(3);
  });

  it('set from stdin, status, test, remove: the app\'s keychain entry', async () => {
    const set = await setKey();
    expect(set).toMatchObject({ code: 0, stdout: '' });
    expect(set.stderr).toContain('ends in cdef');
    // The same entry the app reads: the keychain holds it, bound to the mock's origin.
    expect(JSON.parse((await new KeytarSecretStore(service).get('profile:default'))!)).toMatchObject({ key: mock.apiKey, origin: new URL(mock.url).origin });
    const status = await cli(['key', 'status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).key).toMatchObject({ state: 'keychain', last4: 'cdef', withheld: false });
    expect(status.stdout).not.toContain(mock.apiKey);
    expect(await cli(['key', 'test'])).toMatchObject({ code: 0 });
    expect(await cli(['key', 'remove'])).toMatchObject({ code: 0 });
    expect(await cli(['key', 'test'])).toMatchObject({ code: 3 });
  });

  it('a wrong key: set works, test says so with exit code 3', async () => {
    await cli(['key', 'set'], 'not-the-right-key-123456');
    const test = await cli(['key', 'test']);
    expect(test.code).toBe(3);
    expect(test.stderr).toContain('did not accept this key (401');
  });

  it('a malformed key is refused where it is typed, naming the bad character', async () => {
    const result = await cli(['key', 'set'], 'abcdefghijklmnop\u200b1234');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('position 17 (U+200B)');
  });
});

describe('event-desk send', () => {
  beforeEach(async () => {
    await setKey();
  });

  it('sends, says so in the app\'s words, and records it in the shared history', async () => {
    const result = await cli(['send', '--name', 'Call made', '--customer', '1001', '--data', '{"minutes": 5}', '--json']);
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.stdout);
    expect(entry).toMatchObject({ outcome: 'sent', request: { name: 'Call made', customer: 1001, data: { minutes: 5 } } });
    expect(result.stderr).toContain(`as event #${entry.eventId}`);
    const history = JSON.parse((await cli(['history', '--json'])).stdout);
    expect(history.map((item: { id: number }) => item.id)).toEqual([entry.id]);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);
  });

  it('data from a file (@path) and from stdin (-)', async () => {
    const file = join(temp(), 'data.json');
    writeFileSync(file, '{"plan": "pro"}');
    expect((await cli(['send', '--name', 'Plan upgraded', '--customer', '1001', '--data', `@${file}`])).code).toBe(0);
    expect((await cli(['send', '--name', 'Plan upgraded', '--customer', '1001', '--data', '-'], '{"plan": "team"}')).code).toBe(0);
    expect(mock.received.map((request) => (request.body as { data?: unknown }).data)).toEqual([{ plan: 'pro' }, { plan: 'team' }]);
  });

  it('an email resolves to exactly one customer, case-insensitively', async () => {
    const result = await cli(['send', '--name', 'Call made', '--customer', 'ADA.LOVELACE@example.com', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).request.customer).toBe(1001);
  });

  it.each([
    [['--customer', '1001'], "required option '--name"],
    [['--name', 'x'], "required option '--customer"],
    [['--name', 'x', '--customer', '12.5'], '--customer 12.5: give a HelpCrunch customer id (a whole number, like 1001) or their email'],
    [['--name', 'x', '--customer', 'abc'], '--customer abc: give a HelpCrunch customer id'],
    [['--name', 'x', '--customer', '-3'], '--customer -3: give a HelpCrunch customer id'],
    [['--name', 'x', '--customer', '0'], '--customer 0: The customer id must be greater than zero.'],
    [['--name', '', '--customer', '1001'], '--name: give the event name, like --name "Call made".'],
    [['--name', 'x', '--customer', '1001', '--data', '{"a":'], 'Data is not valid JSON'],
    [['--name', 'x', '--customer', '1001', '--data', '[1, 2]'], 'not an array'],
    [['--name', 'x', '--customer', '1001', '--data', '@/nonexistent/data.json'], 'there is no file'],
    [['--name', 'x', '--customer', 'nobody@example.com'], 'No HelpCrunch customer has the email nobody@example.com'],
    [['--name', 'x', '--customer', 'twins@example.com'], '2 customers have the email twins@example.com; nothing was sent'],
  ])('bad input %j: exit code 2, a clear message, nothing sent', async (args, fragment) => {
    const result = await cli(['send', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(fragment);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
  });

  it('a file that is not an object and a body too large are refused', async () => {
    const file = join(temp(), 'list.json');
    writeFileSync(file, '"text"');
    expect((await cli(['send', '--name', 'x', '--customer', '1001', '--data', `@${file}`])).stderr).toContain('not a string');
    writeFileSync(file, JSON.stringify({ blob: 'x'.repeat(70_000) }));
    expect((await cli(['send', '--name', 'x', '--customer', '1001', '--data', `@${file}`])).stderr).toContain('larger than 64 KiB');
  });

  it('HelpCrunch\'s answers map to exit codes: 404 is 1, no key is 3', async () => {
    const missing = await cli(['send', '--name', 'x', '--customer', '999999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no customer with id 999999');
    await cli(['key', 'remove']);
    expect((await cli(['send', '--name', 'x', '--customer', '1001'])).code).toBe(3);
  });
});

describe('event-desk history and export', () => {
  beforeEach(async () => {
    await setKey();
    await cli(['send', '--name', 'Call made', '--customer', '1001', '--data', '{"note": "refund promised"}']);
    await cli(['send', '--name', 'Refund issued', '--customer', '999999']);
  });

  it('filters like the History view; --json and --ndjson for tools', async () => {
    const rejected = JSON.parse((await cli(['history', '--outcome', 'rejected', '--json'])).stdout);
    expect(rejected.map((entry: { outcome: string }) => entry.outcome)).toEqual(['not_found']);
    const text = (await cli(['history', '--text', 'refund', '--ndjson'])).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(text).toHaveLength(2);
    expect((await cli(['history', '--since', 'yesterday'])).code).toBe(2);
    expect((await cli(['history', '--outcome', 'nope'])).stderr).toContain('Allowed choices are sent, outbox, rejected');
  });

  it('piped: a plain table with no colour codes; on a terminal: bold header, and none with NO_COLOR', async () => {
    const piped = await cli(['history']);
    expect(piped.stdout.split('\n')[0]).toMatch(/^ID\s+TIME\s+EVENT/);
    // Times in ISO 8601 with their offset, whatever the locale (issue 18: the CLI stays English, its dates ISO).
    expect(piped.stdout.split('\n')[1]).toMatch(/^\d+\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)\s/);
    expect(piped.stdout).not.toContain('\u001b[');
    const colored = await runCliOnTty(['history'], { ...env, NO_COLOR: '' });
    expect(colored.stdout).toContain('\u001b[1mID');
    const plain = await runCliOnTty(['history'], { ...env, NO_COLOR: '1' });
    expect(plain.stdout).toMatch(/ID\s+TIME/);
    expect(plain.stdout).not.toContain('\u001b[1m');
  });

  it('export streams the app\'s format to a file or to stdout', async () => {
    const out = join(temp(), 'history.json');
    const file = await cli(['export', '--out', out]);
    expect(file.code).toBe(0);
    expect(file.stderr).toContain('Exported 2 entries');
    const document = JSON.parse(readFileSync(out, 'utf8'));
    expect(document).toMatchObject({ format: 'event-desk-history', version: 1 });
    expect(document.entries).toHaveLength(2);
    const piped = await cli(['export', '--format', 'ndjson', '--out', '-', '--name', 'Call made']);
    expect(piped.stdout.trim().split('\n').map((line) => JSON.parse(line).request.name)).toEqual(['Call made']);
    expect(piped.stdout).not.toContain(mock.apiKey);
    expect((await cli(['export', '--format', 'xml', '--out', '-'])).code).toBe(2);
  });
});

describe('usage', () => {
  it('--help shows the usage, then examples, then options, and lists exit codes; --version prints the version', async () => {
    const help = await cli(['send', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith('Usage: event-desk send [options]')).toBe(true);
    const [usage, examples, options] = ['Usage:', 'Examples:', 'Options:'].map((heading) => help.stdout.indexOf(heading));
    expect(usage).toBeLessThan(examples!);
    expect(examples).toBeLessThan(options!);
    expect(help.stdout).toContain('2  bad input or usage');
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('no arguments: the short usage and exit code 2; an unknown command: 2', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('See event-desk --help');
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('an unusable HELPCRUNCH_API_URL is one clear line, not a stack trace', async () => {
    const result = await runCli(['history'], { env: { ...env, HELPCRUNCH_API_URL: 'http://example.com/v1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HELPCRUNCH_API_URL is not usable');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('event-desk replay and jobs', () => {
  beforeEach(async () => {
    await setKey();
  });

  const lines = (count: number) => Array.from({ length: count }, (_, index) => JSON.stringify({ name: 'Backfill', customer: 1001, data: { n: index } }));

  it('replay FILE --yes: plan on stderr, every valid line sent once, exit 1 because of the invalid line', async () => {
    const file = join(temp(), 'events.ndjson');
    writeFileSync(file, [...lines(3), '{"name": "", "customer": 1, "data": {}}'].join('\n'));
    const result = await cli(['--rate', '6000', 'replay', file, '--yes']);
    expect(result.stderr).toContain('4 lines read · 3 to send · 1 invalid (never sent) · 0 already delivered');
    expect(result.stderr).toContain('line 4: name: Enter an event name.');
    expect(result.stderr).toMatch(/Job 1 finished: .*3 sent/);
    expect(result.code).toBe(1);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(3);

    // Replaying the same file again: everything already delivered is skipped; nothing to send.
    const again = await cli(['replay', file, '--yes']);
    expect(again.stderr).toContain('3 already delivered (skipped)');
    expect(again.stderr).toContain('Nothing to send.');
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(3);

    const list = JSON.parse((await cli(['jobs', 'list', '--json'])).stdout) as { id: number; state: string }[];
    expect(list.map((job) => [job.id, job.state])).toEqual([[1, 'finished']]);
    const csv = await cli(['jobs', 'export', '1', '--format', 'csv', '--out', '-']);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(5);
    expect(csv.stdout).toContain('invalid');
  });

  it('a clean file exits 0; --json gives the plan and NDJSON progress on stdout', async () => {
    const file = join(temp(), 'clean.ndjson');
    writeFileSync(file, lines(2).join('\n'));
    const result = await cli(['--rate', '6000', 'replay', file, '--yes', '--json']);
    expect(result.code).toBe(0);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(records[0]).toMatchObject({ type: 'plan', toSend: 2 });
    expect(records.map((record) => record.type)).toContain('finished');
  });

  it('without --yes and without a terminal nothing is sent, and the message says which flag to add', async () => {
    const file = join(temp(), 'events.ndjson');
    writeFileSync(file, lines(2).join('\n'));
    const result = await cli(['replay', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Add --yes');
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
    expect(JSON.parse((await cli(['jobs', 'list', '--json'])).stdout)).toEqual([]);
  });

  it.each([
    ['missing.ndjson', null, 'There is no file'],
    ['empty.ndjson', '', 'is empty'],
    ['columns.csv', 'name,customer,colour\nx,1,red\n', 'unknown column "colour"'],
  ])('%s: a clear message, exit 2, nothing planned', async (name, content, message) => {
    const file = join(temp(), name);
    if (content !== null) writeFileSync(file, content);
    const result = await cli(['replay', file, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('replay --from-history: the failed sends of a filter, again', async () => {
    await cli(['send', '--name', 'Call made', '--customer', '999999']);
    const result = await cli(['--rate', '6000', 'replay', '--from-history', '--outcome', 'rejected', '--yes']);
    expect(result.stderr).toContain('1 to send');
    expect(result.code).toBe(1);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(2);
  });

  it('jobs show/resume/retry say what is wrong with a bad id', async () => {
    expect((await cli(['jobs', 'show', 'abc'])).stderr).toContain('is not a job id');
    const missing = await cli(['jobs', 'resume', '42', '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no job 42');
  });
});

describe('event-desk saved and send --saved', () => {
  beforeEach(async () => {
    await setKey();
  });

  it('import a library, list it, send a saved event with typed inputs, export it again', async () => {
    const file = join(temp(), 'library.json');
    writeFileSync(file, JSON.stringify({
      format: 'event-desk-library',
      version: 1,
      events: [{ title: 'Refund issued', name: 'Refund issued', template: { amount: '{{input.amount}}', reason: '{{input.reason}}', note: 'for {{customer.email}}' }, fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true }, { key: 'reason', label: 'Reason', type: 'choice', required: true, choices: ['Damaged', 'Late'] }], tags: ['billing'] }],
    }));
    const imported = await cli(['saved', 'import', file]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Added 1, updated 0, skipped 0.');
    expect((await cli(['saved', 'list'])).stdout).toContain('Refund issued  (Refund issued)  fields: amount*, reason*  [billing]');

    const sent = await cli(['send', '--saved', 'Refund issued', '--customer', 'ada.lovelace@example.com', '--input', 'amount=20', '--input', 'reason=Damaged', '--json']);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ savedEventId: 1, request: { name: 'Refund issued', customer: 1001, data: { amount: 20, reason: 'Damaged', note: expect.stringMatching(/^for ada/) } } });
    expect(mock.received.filter((request) => request.path === '/v1/events').at(-1)?.body).toMatchObject({ data: { amount: 20 } });

    const bad = await cli(['send', '--saved', 'Refund issued', '--customer', '1001', '--input', 'amount=twenty', '--input', 'reason=Damaged']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Amount must be a number');
    expect((await cli(['send', '--saved', 'Nope', '--customer', '1001'])).stderr).toContain('There is no saved event titled "Nope"');

    const exported = await cli(['saved', 'export', '--out', '-']);
    expect(JSON.parse(exported.stdout)).toMatchObject({ format: 'event-desk-library', version: 1, events: [{ title: 'Refund issued' }] });
  });
});

describe('event-desk send --queue-if-offline and outbox', () => {
  it('offline: kept in the outbox (exit 0); drained when HelpCrunch is back', async () => {
    await setKey();
    const port = await freePort();
    const offline = { ...env, HELPCRUNCH_API_URL: `http://127.0.0.1:${port}/v1` };
    const plain = await runCli(['send', '--name', 'Call made', '--customer', '1001'], { env: offline });
    expect(plain.code).toBe(1);
    const queued = await runCli(['send', '--name', 'Call made', '--customer', '1001', '--data', '{"q": 1}', '--queue-if-offline', '--json'], { env: offline });
    expect(queued.code).toBe(0);
    expect(queued.stderr).toContain('Saved to the outbox');
    expect(JSON.parse(queued.stdout).outboxId).toBeGreaterThan(0);
    expect(JSON.parse((await runCli(['outbox', 'list', '--json'], { env: offline })).stdout)).toHaveLength(1);
    const back = await startMockServer({ port });
    try {
      const drained = await runCli(['outbox', 'drain'], { env: offline });
      expect(drained.code).toBe(0);
      expect(drained.stderr).toContain('Delivered 1; 0 left');
      expect(back.received.map((request) => request.body)).toEqual([{ name: 'Call made', customer: 1001, data: { q: 1 } }]);
    } finally {
      await back.close();
    }
  });
});

describe('event-desk --profile and profiles', () => {
  it('profiles create/use/list; --profile sends with that profile\'s key to its URL, and history stays apart', async () => {
    const other = await startMockServer({ apiKey: 'staging-key-00000000002' });
    try {
      const base = { EVENT_DESK_USER_DATA: env.EVENT_DESK_USER_DATA!, EVENT_DESK_KEYCHAIN_SERVICE: service, NO_COLOR: '1' };
      const run = (args: string[], input?: string) => runCli(args, { env: base, ...(input === undefined ? {} : { input }) });
      const created = await run(['profiles', 'create', 'Staging', '--api-url', other.url]);
      expect(created.stderr).toContain('Created "Staging"');
      const keySet = await run(['--profile', 'staging', 'key', 'set'], other.apiKey);
      expect(keySet.stderr).toContain('Saved in the system keychain');
      const sent = await run(['--profile', 'Staging', 'send', '--name', 'Staging only', '--customer', '1001']);
      expect(sent.stderr).toContain('Sent:');
      expect(other.received.map((request) => [request.path, request.authorization])).toEqual([['/v1/events', `Bearer ${other.apiKey}`]]);
      expect(JSON.parse((await run(['--profile', 'Staging', 'history', '--json'])).stdout)).toHaveLength(1);
      expect(JSON.parse((await run(['history', '--json'])).stdout)).toHaveLength(0);
      const list = JSON.parse((await run(['profiles', 'list', '--json'])).stdout) as { active: string; profiles: { name: string }[] };
      expect(list.profiles.map((profile) => profile.name)).toEqual(['Default', 'Staging']);
      expect((await run(['profiles', 'use', 'Staging'])).code).toBe(0);
      expect(JSON.parse((await run(['history', '--json'])).stdout)).toHaveLength(1);
      const unknown = await run(['--profile', 'Nope', 'history']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('There is no profile "Nope"');
      expect((await run(['profiles', 'delete', 'Staging'])).stderr).toContain('then add --yes');
      expect((await run(['profiles', 'delete', 'Staging', '--yes'])).stderr).toContain('is the profile in use');
    } finally {
      await other.close();
      await new KeytarSecretStore(service).delete('profile:staging');
    }
  });
});
