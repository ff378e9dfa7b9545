import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { formatDefinition } from '../../src/main/plan/definition-file.ts';
import type { EventDefinition } from '../../src/shared/plan.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { runCli } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Runs the built CLI (npm run build:cli) as a subprocess, as a CI job would.
const temp = tempFoldersFor('event-desk-plan-cli-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

const refund: EventDefinition = {
  name: 'Refund issued',
  description: 'A refund was paid out.',
  owner: 'billing',
  status: 'active',
  enforcement: 'block',
  schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number', minimum: 0 }, method: { enum: ['card', 'cash'] } } },
};

function workspace(files: Record<string, string> = {}): string {
  const dir = temp();
  mkdirSync(join(dir, 'definitions'));
  writeFileSync(join(dir, 'definitions/refund-issued.yaml'), formatDefinition(refund));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const line = (data: Record<string, unknown>, name = 'Refund issued') => JSON.stringify({ name, customer: 1001, data });

describe('event-desk plan', () => {
  it('check: a file with one bad line exits 2 with FILE:LINE: event "X": path: message; a clean file exits 0', async () => {
    const dir = workspace();
    const env = { EVENT_DESK_USER_DATA: temp() };
    const bad = join(temp(), 'events.ndjson');
    writeFileSync(bad, [line({ amount: 20, method: 'card' }), line({ amount: '20', method: 'cheque' }), line({ amount: 5 })].join('\n') + '\n');
    const failed = await runCli(['plan', 'check', bad, '--workspace', dir], { env });
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe(`${bad}:2: event "Refund issued": data.amount: expected number\n${bad}:2: event "Refund issued": data.method: must be one of: card, cash\n`);
    expect(failed.stderr).toMatch(/1 of 3 lines break the plan: 1 would be blocked/);
    expect(failed.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);

    const clean = join(temp(), 'clean.ndjson');
    writeFileSync(clean, [line({ amount: 20 }), line({ amount: 0, method: 'cash' })].join('\n') + '\n');
    const passed = await runCli(['plan', 'check', clean], { env: { ...env, EVENT_DESK_WORKSPACE: dir } });
    expect(passed).toMatchObject({ code: 0, stdout: '' });
    expect(passed.stderr).toMatch(/2 lines of clean\.ndjson \(NDJSON\) meet the plan \(1 definition\)/);

    const json = await runCli(['plan', 'check', bad, '--workspace', dir, '--json'], { env });
    const records = json.stdout.trim().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(records[0]).toEqual({ line: 2, name: 'Refund issued', verdict: 'block', violations: [{ path: 'data.amount', message: 'expected number' }, { path: 'data.method', message: 'must be one of: card, cash' }] });
    expect(records[1]).toMatchObject({ summary: { records: 3, clean: 2, blocked: 1, warned: 0, invalid: 0 } });

    const missing = await runCli(['plan', 'check', join(temp(), 'nope.ndjson'), '--workspace', dir], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/There is no file/);
  }, 30_000);

  it('list and show, and a broken workspace file listed as FILE:LINE (exit 2), left as it is', async () => {
    const broken = 'name: Broken\nstatus: active\nschema:\n  type: object\n  properties: [\n';
    const dir = workspace({ 'definitions/broken.yaml': broken });
    const env = { EVENT_DESK_USER_DATA: temp(), EVENT_DESK_WORKSPACE: dir };
    const list = await runCli(['plan', 'list', '--json'], { env });
    expect(list.code).toBe(2);
    const listed = JSON.parse(list.stdout) as { definitions: { name: string; file: string }[]; problems: unknown[] };
    expect(listed.definitions).toEqual([{ name: 'Refund issued', status: 'active', enforcement: 'block', owner: 'billing', description: 'A refund was paid out.', file: 'definitions/refund-issued.yaml' }]);
    expect(listed.problems).toEqual([{ file: 'definitions/broken.yaml', line: 6, message: expect.stringMatching(/Flow sequence/) }]);
    const human = await runCli(['plan', 'list'], { env });
    expect(human.stderr).toContain(`${join(dir, 'definitions/broken.yaml')}:6: Flow sequence`);
    expect(readFileSync(join(dir, 'definitions/broken.yaml'), 'utf8')).toBe(broken);

    const show = await runCli(['plan', 'show', 'Refund issued'], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toBe(formatDefinition(refund));
    const unknown = await runCli(['plan', 'show', 'Nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no definition of "Nope".*\n.*Defined: Refund issued/);
  }, 30_000);

  it('send: an event the plan blocks is refused before history or the network; a valid one is sent', async () => {
    const userData = temp();
    mkdirSync(join(userData, 'workspace', 'definitions'), { recursive: true });
    writeFileSync(join(userData, 'workspace', 'definitions', 'refund-issued.yaml'), formatDefinition(refund));
    const env = { EVENT_DESK_USER_DATA: userData, HELPCRUNCH_API_URL: mock.url, HELPCRUNCH_API_KEY: mock.apiKey };
    const sent = () => mock.received.filter((request) => request.path === '/v1/events').length;
    const before = sent();
    const blocked = await runCli(['send', '--name', 'Refund issued', '--customer', '1001', '--data', '{"amount": "20"}'], { env });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toMatch(/Not sent: the tracking plan blocks "Refund issued": data.amount: expected number\./);
    expect(sent()).toBe(before);
    const history = await runCli(['history', '--json'], { env });
    expect(JSON.parse(history.stdout)).toEqual([]);
    const ok = await runCli(['send', '--name', 'Refund issued', '--customer', '1001', '--data', '{"amount": 20}', '--json'], { env });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 1, outcome: 'sent' });
    expect(sent()).toBe(before + 1);

    // A warning: said on stderr; a script's send goes (recorded as warned), --against-plan records the override.
    writeFileSync(join(userData, 'workspace', 'definitions', 'call-made.yaml'), formatDefinition({ name: 'Call made', description: '', owner: '', status: 'active', enforcement: 'warn', schema: { type: 'object', properties: { minutes: { type: 'integer' } } } }));
    const warned = await runCli(['send', '--name', 'Call made', '--customer', '1001', '--data', '{"minutes": "5"}', '--json'], { env });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('The tracking plan warns about "Call made": data.minutes: expected integer.');
    const confirmed = await runCli(['send', '--name', 'Call made', '--customer', '1001', '--data', '{"minutes": "6"}', '--json', '--against-plan'], { env });
    expect(confirmed.code).toBe(0);
    expect(sent()).toBe(before + 3);
    const core = createCore({ userDataDir: userData, secretStore: fixedKeyStore(mock.apiKey) });
    try {
      const handlers = createIpcHandlers(core);
      expect(await handlers['plan:mark']!({ id: (JSON.parse(warned.stdout) as { id: number }).id })).toMatchObject({ ok: true, value: { overridden: false } });
      expect(await handlers['plan:mark']!({ id: (JSON.parse(confirmed.stdout) as { id: number }).id })).toMatchObject({ ok: true, value: { overridden: true } });
    } finally {
      core.close();
    }
  }, 30_000);

  it('from-history proposes a draft from this account\'s history and --write saves it to the workspace', async () => {
    const userData = temp();
    const core = createCore({ userDataDir: userData, apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000 });
    try {
      for (let n = 0; n < 20; n += 1) await core.activeScope().sender.send({ name: 'Plan upgraded', customer: 1001, data: { plan: n % 2 ? 'pro' : 'team', seats: n } });
    } finally {
      core.close();
    }
    const dir = join(temp(), 'plan');
    const env = { EVENT_DESK_USER_DATA: userData };
    const shown = await runCli(['plan', 'from-history', 'Plan upgraded', '--workspace', dir], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^name: Plan upgraded\n/);
    expect(shown.stdout).toMatch(/status: draft\n/);
    expect(existsSync(dir)).toBe(false);
    const written = await runCli(['plan', 'from-history', 'Plan upgraded', '--workspace', dir, '--write'], { env });
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/Wrote .*plan-upgraded\.yaml/);
    const text = readFileSync(join(dir, 'definitions/plan-upgraded.yaml'), 'utf8');
    expect(text).toMatch(/ {4}plan:\n {6}type: string\n {6}enum:\n {8}- pro\n {8}- team\n/);
    const again = await runCli(['plan', 'from-history', 'Plan upgraded', '--workspace', dir, '--write'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is defined already/);
    expect(readFileSync(join(dir, 'definitions/plan-upgraded.yaml'), 'utf8')).toBe(text);
  }, 30_000);
  it('without --workspace, the folder chosen in the app ("Open workspace folder…") is the one read; a chosen folder gone since is said, and the default read', async () => {
    const dir = workspace();
    const userData = temp();
    const core = createCore({ userDataDir: userData, secretStore: fixedKeyStore('plan-cli-test-key-0123456789'), chooseWorkspaceDir: async () => dir });
    try {
      expect(await createIpcHandlers(core)['plan:chooseWorkspace']!(undefined)).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
    const listed = await runCli(['plan', 'list', '--json'], { env: { EVENT_DESK_USER_DATA: userData } });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ workspace: dir, definitions: [expect.objectContaining({ name: 'Refund issued' })] });

    rmSync(dir, { recursive: true });
    const fallback = await runCli(['plan', 'list', '--json'], { env: { EVENT_DESK_USER_DATA: userData } });
    expect(fallback.code).toBe(0);
    expect(JSON.parse(fallback.stdout)).toMatchObject({ workspace: join(userData, 'workspace'), definitions: [] });
    expect(fallback.stderr).toContain(`The workspace folder chosen in the app, ${dir}, does not exist: reading ${join(userData, 'workspace')} instead.`);

    // A history that cannot be asked: said (exit 1), never a silent check against another folder's plan.
    const broken = temp();
    writeFileSync(join(broken, 'history.sqlite'), 'not a database, whatever its name says '.repeat(200));
    const unread = await runCli(['plan', 'list'], { env: { EVENT_DESK_USER_DATA: broken } });
    expect(unread.code).toBe(1);
    expect(unread.stderr).toContain('The workspace folder chosen in the app could not be read from');
    expect(unread.stderr).toContain('--workspace DIR');
  }, 30_000);
});
