import { writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { createServices } from '../../src/main/services.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import type { ParsedInputOf } from '../../src/shared/contract.ts';
import { freePort } from '../../tools/free-port.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// One account per request: a request keeps the account it began in, and a launch's base-URL
// override belongs to the launch's account alone.
const temp = tempFoldersFor('event-desk-scopes-');
const FAST = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 50 };
let first: MockServer;
let second: MockServer;
beforeAll(async () => {
  first = await startMockServer({ apiKey: 'first-account-key-0000001', rateLimitPerMinute: 100_000 });
  second = await startMockServer({ apiKey: 'second-account-key-000002', rateLimitPerMinute: 100_000 });
});
afterAll(async () => {
  await first.close();
  await second.close();
});
beforeEach(() => {
  first.reset();
  second.reset();
});

const events = (mock: MockServer) => mock.received.filter((request) => request.path === '/v1/events');
const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const refund: ParsedInputOf<'saved:create'>['draft'] = {
  title: 'Refund issued',
  name: 'Refund issued',
  description: '',
  template: { amount: '{{input.amount}}', by: '{{customer.email}}' },
  fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true, choices: [] }],
  defaultCustomer: null,
  tags: [],
};

describe('one account per request', () => {
  it('a saved-event send that awaits its customer lookup sends in the account it began in, though the user switched meanwhile', async () => {
    const services = createServices({ userDataDir: temp(), env: {}, secretStore: memorySecretStore() });
    const { handlers, core } = services;
    try {
      unwrap(await handlers['settings:setBaseUrl']({ baseUrl: first.url }));
      unwrap(await handlers['key:set']({ key: first.apiKey, sessionOnly: false }));
      const saved = unwrap(await handlers['saved:create']({ draft: refund }));
      const other = unwrap(await handlers['profiles:create']({ draft: { name: 'Second', perMinute: 600, colour: '#16a34a', production: false } }));
      unwrap(await handlers['profiles:use']({ id: other.id }));
      unwrap(await handlers['settings:setBaseUrl']({ baseUrl: second.url }));
      unwrap(await handlers['key:set']({ key: second.apiKey, sessionOnly: false }));
      // The library is shared by every account: the second account sees the same saved event.
      unwrap(await handlers['profiles:use']({ id: 'default' }));

      // The first account's customer lookup is slow; the user switches while it waits.
      first.injectFault({ kind: 'latency', ms: 400, path: '/v1/customers/1001' });
      const sending = handlers['saved:send']({ id: saved.id, customer: 1001, inputs: { amount: '20' }, again: false });
      const started = Date.now();
      while (!first.received.some((request) => request.path === '/v1/customers/1001')) {
        if (Date.now() - started > 5_000) throw new Error('the customer lookup never started');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      unwrap(await handlers['profiles:use']({ id: other.id }));
      const entry = unwrap(await sending);

      expect(entry.outcome).toBe('sent');
      expect(events(first).map((request) => [request.authorization, (request.body as { data: { by: string } }).data.by])).toEqual([[`Bearer ${first.apiKey}`, 'ada.lovelace@example.com']]);
      expect(events(second)).toEqual([]);
      expect(core.history.page(10, null, 'default', EMPTY_FILTER).entries.map((row) => [row.id, row.savedEventId])).toEqual([[entry.id, saved.id]]);
      expect(core.history.count(other.id, EMPTY_FILTER)).toBe(0);
    } finally {
      services.close();
    }
  });

  it('the launch override applies to the launch account only: another account\'s outbox drains to its own host, never the override', async () => {
    const userDataDir = temp();
    const store = memorySecretStore();
    const port = await freePort();
    const offline = `http://127.0.0.1:${port}/v1`;
    // Staging's own base URL is unreachable: its send is queued in its outbox, made for that origin.
    const before = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000, retry: FAST });
    const staging = before.profiles.create({ name: 'Staging' });
    const scope = before.scope(staging.id);
    await scope.settings.setBaseUrl(offline);
    await scope.settings.setKey(second.apiKey, false);
    expect((await scope.outbox.sendOrQueue({ name: 'Queued', customer: 1001, data: {} })).outboxId).not.toBeNull();
    before.close();

    // The app starts in Default with HELPCRUNCH_API_URL pointing at another host; Staging's host is back.
    const back = await startMockServer({ port, apiKey: second.apiKey });
    const core = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000, retry: FAST, apiBaseUrl: first.url, autoDrain: true });
    try {
      expect(core.activeScope().store.baseUrl()).toEqual({ value: first.url, source: 'env' });
      expect(core.scope(staging.id).store.baseUrl()).toEqual({ value: offline, source: 'settings' });
      expect(await core.scope(staging.id).outbox.sendNow()).toBe(1);
      expect(events(back).map((request) => request.authorization)).toEqual([`Bearer ${second.apiKey}`]);
      expect(first.received).toEqual([]);
    } finally {
      core.close();
      await back.close();
    }
  });

  it('an outbox item made for another origin waits, says so, and goes there only after a yes', async () => {
    const userDataDir = temp();
    const store = memorySecretStore();
    const port = await freePort();
    const before = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000, retry: FAST, apiBaseUrl: `http://127.0.0.1:${port}/v1` });
    await before.activeScope().settings.setKey(first.apiKey, false);
    await before.activeScope().outbox.sendOrQueue({ name: 'Queued', customer: 1001, data: {} });
    before.close();

    let answer = false;
    const services = createServices({ userDataDir, env: { HELPCRUNCH_API_URL: first.url }, secretStore: store, requestsPerMinute: 100_000, confirmOriginChange: async () => answer });
    try {
      const scope = services.core.activeScope();
      expect(await scope.outbox.drain()).toBe(0);
      const listed = unwrap(await services.handlers['outbox:list'](undefined));
      expect(listed[0]!.lastError).toBe(`Made for http://127.0.0.1:${port}; the account now points at ${new URL(first.url).origin}. Send it there?`);
      expect(unwrap(await services.handlers['outbox:sendNow'](undefined))).toBe(0);
      expect(events(first)).toEqual([]);
      answer = true;
      expect(unwrap(await services.handlers['outbox:sendNow'](undefined))).toBe(1);
      expect(events(first)).toHaveLength(1);
    } finally {
      services.close();
    }
  });

  it('an outbox item queued before origins were kept never drains to a launch override: it belongs to the account\'s own address', async () => {
    const userDataDir = temp();
    const store = memorySecretStore();
    const port = await freePort();
    const before = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000, retry: FAST });
    await before.activeScope().settings.setBaseUrl(`http://127.0.0.1:${port}/v1`);
    await before.activeScope().settings.setKey(first.apiKey, false);
    expect((await before.activeScope().outbox.sendOrQueue({ name: 'Legacy', customer: 1001, data: {} })).outboxId).not.toBeNull();
    before.close();
    // As the previous release left it: no origin recorded.
    const db = new DatabaseSync(join(userDataDir, 'history.sqlite'));
    db.exec('UPDATE outbox SET origin = NULL');
    db.close();

    const core = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000, retry: FAST, apiBaseUrl: first.url });
    try {
      expect(await core.activeScope().outbox.sendNow()).toBe(0);
      expect(events(first)).toEqual([]);
      expect(core.activeScope().outbox.list()[0]).toMatchObject({ state: 'queued', origin: `http://127.0.0.1:${port}` });
    } finally {
      core.close();
    }
  });

  it('a job made for another origin starts only after main\'s own dialog says yes', async () => {
    const userDataDir = temp();
    const store = memorySecretStore();
    const file = join(userDataDir, 'events.ndjson');
    writeFileSync(file, `${JSON.stringify({ name: 'Replayed', customer: 1001, data: {} })}\n`);
    const before = createCore({ userDataDir, secretStore: store, apiBaseUrl: second.url });
    await before.activeScope().settings.setKey(first.apiKey, false);
    const plan = await before.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
    before.close();
    let answer = false;
    const services = createServices({ userDataDir, env: { HELPCRUNCH_API_URL: first.url }, secretStore: store, requestsPerMinute: 100_000, confirmOriginChange: async () => answer });
    try {
      // Thrown as a Failure (dispatch makes it a Result the renderer shows).
      await expect(services.handlers['jobs:start']({ id: plan.job.id })).rejects.toMatchObject({ code: 'origin_changed', message: expect.stringContaining(`was made for ${new URL(second.url).origin}`) });
      expect(events(first)).toEqual([]);
      answer = true;
      unwrap(await services.handlers['jobs:start']({ id: plan.job.id }));
      const started = Date.now();
      while (events(first).length === 0 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(events(first)).toHaveLength(1);
      expect(events(second)).toEqual([]);
    } finally {
      await services.core.shutdown();
    }
  });

  it('a production account\'s key goes to the launch override only after an explicit yes', async () => {
    const userDataDir = temp();
    const store = memorySecretStore();
    const setup = createCore({ userDataDir, secretStore: store });
    setup.profiles.update('default', { name: 'Live', production: true });
    await setup.activeScope().settings.setKey(first.apiKey, false);
    setup.close();
    for (const yes of [false, true]) {
      first.reset();
      const core = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000, apiBaseUrl: first.url, confirmKeyOrigin: async () => true, confirmProductionOverride: async () => yes });
      try {
        const entry = await core.activeScope().sender.send({ name: 'Call made', customer: 1001, data: { yes } }, { allowDuplicate: true });
        expect(entry.outcome).toBe(yes ? 'sent' : 'unauthorized');
        if (!yes) expect(entry.message).toContain('does not send it to');
        expect(events(first)).toHaveLength(yes ? 1 : 0);
      } finally {
        core.close();
      }
    }
  });
});
