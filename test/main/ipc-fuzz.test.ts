import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services.ts';
import { registerHandlers } from '../../src/main/ipc/dispatch.ts';
import { channelNames } from '../../src/shared/channels.ts';
import { contract, type Channel } from '../../src/shared/contract.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';

// Every channel of the contract, fed hostile input through the real dispatch and handler table
// (temp user-data folder, the mock over HTTP): every reply must be a well-formed Result, the key
// must never appear in a reply or a push, and nothing may hang (see SLOW_MS).
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
// A hostile input that hangs main takes seconds to minutes (the backtracking template regex took
// 300 s); a loaded CI machine stretches a normal call to a few hundred milliseconds. The bound sits between.
const SLOW_MS = 3000;
const temp = tempFoldersFor('event-desk-fuzz-');

/** A valid input per channel: the fuzzer mutates these field by field, as well as sending anything at all. */
const samples: Record<Channel, unknown> = {
  'settings:get': undefined,
  'settings:setBaseUrl': { baseUrl: null },
  'settings:setRetention': { days: 30 },
  'key:set': { key: 'fuzzed-key-0123456789', sessionOnly: true },
  'key:remove': undefined,
  'key:test': undefined,
  'events:send': { name: 'Call made', customer: 1001, data: { minutes: 5 } },
  'history:list': { limit: 50, beforeId: null, filter: { outcomes: ['sent'], name: null, customer: null, from: null, to: null, text: 'call' } },
  'history:count': { filter: { outcomes: [], text: 'refund' } },
  'history:eventNames': undefined,
  'history:delete': { ids: [1, 2] },
  'history:clear': { filter: { outcomes: ['rate_limited'], text: null } },
  'history:export': { filter: { outcomes: [] }, ids: null, format: 'ndjson' },
  'history:cancelExport': undefined,
  'history:get': { id: 1 },
  'app:notices': undefined,
  'app:language': undefined,
  'app:setLanguage': { locale: 'pl' },
  'app:updates': undefined,
  'app:setUpdateChecks': { enabled: false },
  'app:checkForUpdates': undefined,
  'app:installUpdate': undefined,
  'app:openedFile': undefined,
  'customers:search': { query: 'ada' },
  'customers:recent': undefined,
  'customers:remember': { id: 1001 },
  'events:sendAgainstPlan': { event: { name: 'Call made', customer: 1001, data: { minutes: 7 } }, again: false },
  'plan:overview': undefined,
  'plan:check': { name: 'Call made', data: { minutes: 5 } },
  'plan:propose': { name: 'Call made' },
  'plan:saveDefinition': { definition: { name: 'Call made', description: 'A call.', owner: 'support', status: 'draft', enforcement: 'warn', schema: { type: 'object', properties: { minutes: { type: 'number' } } } } },
  'plan:mark': { id: 1 },
  'plan:definition': { name: 'Call made' },
  'plan:definitionNames': undefined,
  'plan:workspace': undefined,
  'plan:chooseWorkspace': undefined,
  'plan:resetWorkspace': undefined,
  'events:sendAgain': { name: 'Call made', customer: 1001, data: { minutes: 6 } },
  'jobs:list': undefined,
  'jobs:get': { id: 1 },
  'jobs:items': { id: 1, afterSeq: 0, limit: 50, state: null },
  'jobs:planFile': { sendDuplicates: false, ratePerMinute: null },
  'jobs:planOpened': { sendDuplicates: false, ratePerMinute: null },
  'jobs:planHistory': { ids: [1, 2], filter: null, sendDuplicates: false, ratePerMinute: 60 },
  'jobs:start': { id: 1 },
  'jobs:pause': { id: 1 },
  'jobs:cancel': { id: 1 },
  'jobs:discard': { id: 1 },
  'jobs:retry': { id: 1, which: 'failed' },
  'jobs:resolveUnknown': { id: 1, seqs: 'all', decision: 'delivered' },
  'jobs:export': { id: 1, format: 'csv' },
  'saved:list': undefined,
  'saved:create': { draft: { title: 'Refund', name: 'Refund issued', description: '', template: { amount: '{{input.amount}}', at: '{{now}}' }, fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true, choices: [] }], defaultCustomer: null, tags: ['billing'] } },
  'saved:update': { id: 1, draft: { title: 'Refund 2', name: 'Refund issued', template: {}, fields: [], tags: [] } },
  'saved:duplicate': { id: 1 },
  'saved:delete': { id: 1 },
  'saved:undoDelete': { id: 1 },
  'saved:share': { id: 1 },
  'saved:send': { id: 1, customer: 1001, inputs: { amount: '20' }, again: false },
  'saved:checkDraft': { draft: { title: 'Refund', name: 'Refund issued', description: '', template: { amount: '{{input.amount}}', at: '{{now}}' }, fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true, choices: [] }], defaultCustomer: null, tags: ['billing'] } },
  'saved:check': { id: 1, customer: 1001, inputs: { amount: '20' } },
  'saved:sendMany': { id: 1, customers: [1001, 1002], inputs: { amount: '5' }, sendDuplicates: false },
  'saved:export': undefined,
  'saved:import': { onConflict: 'ask' },
  'history:shape': { name: 'Call made' },
  'profiles:list': undefined,
  'profiles:create': { draft: { name: 'Staging', perMinute: 60, colour: '#16a34a', production: false } },
  'profiles:update': { id: 'default', draft: { name: 'Default', perMinute: 120, colour: '#1f6feb', production: false } },
  'profiles:delete': { id: 'staging-abc123' },
  'profiles:use': { id: 'default' },
  'profiles:exportHistory': { id: 'default' },
  'outbox:list': undefined,
  'outbox:sendNow': undefined,
  'outbox:update': { id: 1, event: { name: 'Call made', customer: 1001, data: {} } },
  'outbox:remove': { id: 1 },
  'outbox:undoRemove': { id: 1 },
  'outbox:resolveUnknown': { id: 1, decision: 'resend' },
};

function cyclic(): unknown {
  const value: Record<string, unknown> = { name: 'x', customer: 1, data: {} };
  (value.data as Record<string, unknown>).self = value;
  return value;
}

function deep(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

const strange = fc.constantFrom<unknown>(
  NaN, Infinity, -Infinity, -0, 2 ** 53 + 2, -(2 ** 53), 1.5, 1e308, '', ' ', '"', '*', '(', 'NEAR(a b)', '"refund" OR "x"*',
  "'; DROP TABLE sends; --", '$(touch /tmp/pwned)', '`id`', '\u0000', '\u200b', 'а'.repeat(20), 'x'.repeat(100_000),
  '__proto__', 'constructor', 'prototype', [], {}, null, undefined, true, 0n,
);
const protoKeys = fc.constant(null).map(() => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":"x","customer":1,"data":{"__proto__":{"a":1}}}') as unknown);
const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }) },
  { weight: 3, arbitrary: strange },
  { weight: 1, arbitrary: protoKeys },
  { weight: 1, arbitrary: fc.constant(null).map(cyclic) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 5000 }).map(deep) },
  { weight: 1, arbitrary: fc.array(strange, { maxLength: 50 }) },
);

/** The sample with some fields replaced by hostile values and some hostile keys added. */
function mutated(sample: unknown): fc.Arbitrary<unknown> {
  if (typeof sample !== 'object' || sample === null) return hostile;
  const keys = Object.keys(sample);
  return fc
    .tuple(fc.subarray(keys), fc.array(hostile, { minLength: keys.length, maxLength: keys.length }), fc.dictionary(fc.string({ maxLength: 12 }), hostile, { maxKeys: 2 }))
    .map(([replaced, values, extra]) => {
      const copy: Record<string, unknown> = { ...(sample as Record<string, unknown>), ...extra };
      replaced.forEach((key) => (copy[key] = values[keys.indexOf(key)]));
      return copy;
    });
}

let mock: MockServer;
let services: Services;
const pushes: string[] = [];
const secrets = new Set<string>();
let invoke: (channel: string, input: unknown) => Promise<unknown>;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
  secrets.add(mock.apiKey);
  const secretStore = memorySecretStore();
  await secretStore.set('profile:default', mock.apiKey);
  const folder = temp();
  services = createServices({
    userDataDir: folder,
    env: { HELPCRUNCH_API_URL: mock.url },
    secretStore,
    emit: (push, payload) => pushes.push(JSON.stringify([push, payload])),
    chooseSavePath: async (name) => `${folder}/${name}`,
    requestsPerMinute: 1_000_000,
    timeoutMs: 2000,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 1 },
  });
  const listeners = new Map<string, (event: { trusted: boolean }, input: unknown) => Promise<unknown>>();
  registerHandlers<{ trusted: boolean }>({ handle: (channel, listener) => listeners.set(channel, listener) }, services.handlers, (event) => event.trusted);
  invoke = (channel, input) => listeners.get(channel)!({ trusted: true }, input);
  console.log(`IPC fuzz: seed ${SEED}, ${RUNS} runs per channel (FUZZ_SEED=${SEED} repeats this run)`);
});

afterAll(async () => {
  services.close();
  await mock.close();
});

function checkReply(channel: Channel, reply: unknown): void {
  expect(reply).toBeTypeOf('object');
  const result = reply as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown } };
  if (result.ok === true) {
    const parsed = contract[channel].output.safeParse(result.value);
    expect(parsed.success, `${channel} answered outside its output schema: ${parsed.error?.message}`).toBe(true);
  } else {
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBeTypeOf('string');
    expect(result.error?.message).toBeTypeOf('string');
  }
  const text = JSON.stringify(reply);
  for (const secret of secrets) expect(text.includes(secret), `${channel} replied with the key`).toBe(false);
}

describe('IPC fuzz', () => {
  it.each(channelNames.map((channel) => [channel]))('%s', async (channel) => {
    const known = channel as Channel;
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile, mutated(samples[known]), fc.constant(samples[known])), async (input) => {
        const started = performance.now();
        const reply = await invoke(channel, input);
        const took = performance.now() - started;
        checkReply(known, reply);
        // A valid key:set replaces the key: it is a secret from then on.
        if (channel === 'key:set' && (reply as { ok: boolean }).ok) secrets.add((input as { key: string }).key.trim());
        expect(took, `${channel} took ${took.toFixed(0)} ms`).toBeLessThan(SLOW_MS);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    for (const push of pushes.splice(0)) for (const secret of secrets) expect(push.includes(secret)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a call from an untrusted sender is refused before any parsing', async () => {
    const listeners = new Map<string, (event: { trusted: boolean }, input: unknown) => Promise<unknown>>();
    registerHandlers<{ trusted: boolean }>({ handle: (name, listener) => listeners.set(name, listener) }, services.handlers, (event) => event.trusted);
    expect(await listeners.get('settings:get')!({ trusted: false }, undefined)).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });
});
