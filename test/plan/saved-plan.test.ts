import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { dispatch } from '../../src/main/ipc/dispatch.ts';
import { summarizeDefinition } from '../../src/main/plan/definition-summary.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The quick log's path through the tracking plan (issue 20): main resolves the saved event from its
// stored template and checks it without sending (saved:check); a send the person confirmed against a
// warning is recorded as overridden; a block stays a block; the form builder reads a definition.
const temp = tempFoldersFor('event-desk-saved-plan-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());

function open(): { core: Core; userDataDir: string } {
  const userDataDir = temp();
  const core = createCore({ userDataDir, apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000 });
  return { core, userDataDir };
}

function define(userDataDir: string, file: string, text: string): void {
  mkdirSync(join(userDataDir, 'workspace', 'definitions'), { recursive: true });
  writeFileSync(join(userDataDir, 'workspace', 'definitions', file), text);
}

const PLAN_CHANGED = `name: Plan changed
status: active
enforcement: warn
description: The customer moved to another plan.
schema:
  type: object
  required: [plan, seats]
  properties:
    plan:
      type: string
      enum: [starter, team, business]
      description: The new plan.
    seats:
      type: integer
      minimum: 1
    at:
      type: string
      format: date-time
    trial:
      type: boolean
    started:
      type: string
      format: date
    meta:
      type: object
`;
const STRICT = `name: Strict refund
status: active
enforcement: block
schema:
  type: object
  required: [amount]
  properties:
    amount:
      type: number
`;

const value = <T>(result: unknown) => (result as { value: T }).value;

describe('saved events and the tracking plan', () => {
  it('checks the resolved event without sending, records a confirmed warning as overridden, refuses a block', async () => {
    const { core, userDataDir } = open();
    try {
      define(userDataDir, 'plan-changed.yaml', PLAN_CHANGED);
      await core.plan.checker.reload();
      const handlers = createIpcHandlers(core);
      const field = (key: string, type: string) => ({ key, label: key, type, required: false, choices: [] });
      const planChanged = value<{ id: number }>(await dispatch(handlers, 'saved:create', { draft: { title: 'Plan changed', name: 'Plan changed', description: '', template: { plan: '{{input.plan}}', seats: '{{input.seats}}' }, fields: [field('plan', 'text'), field('seats', 'number')], defaultCustomer: null, tags: [], accounts: [] } }));
      const strict = value<{ id: number }>(await dispatch(handlers, 'saved:create', { draft: { title: 'Strict', name: 'Strict refund', description: '', template: { amount: '{{input.amount}}' }, fields: [field('amount', 'text')], defaultCustomer: null, tags: [], accounts: [] } }));
      // The strict definition arrives after "Strict" was saved (saving it now would be refused: a text field
      // where the plan wants a number is blocked at every send).
      define(userDataDir, 'strict-refund.yaml', STRICT);
      await core.plan.checker.reload();
      const count = () => core.history.count('default', EMPTY_FILTER);

      // The check is of the event main makes from the stored template: "seats" typed as a number field.
      expect(await dispatch(handlers, 'saved:check', { id: planChanged.id, customer: 1001, inputs: { plan: 'team', seats: '3' } })).toEqual({ ok: true, value: { verdict: 'ok', definition: 'Plan changed', violations: [] } });
      const warned = await dispatch(handlers, 'saved:check', { id: planChanged.id, customer: 1001, inputs: { plan: 'gold', seats: '3' } });
      expect(warned).toMatchObject({ ok: true, value: { verdict: 'warn', violations: [{ path: 'data.plan' }] } });
      expect(count()).toBe(0);
      expect(mock.events).toHaveLength(0);

      // Sent against the plan: history says it was overridden.
      const overridden = await dispatch(handlers, 'saved:send', { id: planChanged.id, customer: 1001, inputs: { plan: 'gold', seats: '3' }, again: false, againstPlan: true });
      expect(overridden).toMatchObject({ ok: true, value: { outcome: 'sent', savedEventId: planChanged.id } });
      expect(await dispatch(handlers, 'plan:mark', { id: value<{ id: number }>(overridden).id })).toMatchObject({ ok: true, value: { verdict: 'warn', overridden: true } });
      // Without the person's say it is recorded as warned only.
      const plain = await dispatch(handlers, 'saved:send', { id: planChanged.id, customer: 1002, inputs: { plan: 'gold', seats: '3' }, again: false });
      expect(await dispatch(handlers, 'plan:mark', { id: value<{ id: number }>(plain).id })).toMatchObject({ ok: true, value: { overridden: false } });

      // A block: the check says so, and a send — even one claiming the person confirmed — writes and sends nothing.
      expect(await dispatch(handlers, 'saved:check', { id: strict.id, customer: 1001, inputs: { amount: 'twenty' } })).toMatchObject({ ok: true, value: { verdict: 'block', violations: [{ path: 'data.amount', message: 'expected number' }] } });
      const before = count();
      const sentBefore = mock.events.length;
      expect(await dispatch(handlers, 'saved:send', { id: strict.id, customer: 1001, inputs: { amount: 'twenty' }, again: false, againstPlan: true })).toMatchObject({ ok: false, error: { code: 'plan_violation' } });
      expect(count()).toBe(before);
      expect(mock.events).toHaveLength(sentBefore);

      // A form main cannot resolve is refused by the check as the send would refuse it.
      expect(await dispatch(handlers, 'saved:check', { id: planChanged.id, customer: 1001, inputs: { plan: 'team', seats: 'three' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      // Bounded input at the contract.
      expect(await dispatch(handlers, 'saved:check', { id: planChanged.id, customer: 0, inputs: {} })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatch(handlers, 'saved:check', { id: 999, customer: 1001, inputs: {} })).toMatchObject({ ok: false });
    } finally {
      core.close();
    }
  });

  it('gives the form builder a definition: keys, types, required, choices and formats; null when not defined', async () => {
    const { core, userDataDir } = open();
    try {
      define(userDataDir, 'plan-changed.yaml', PLAN_CHANGED);
      await core.plan.checker.reload();
      const handlers = createIpcHandlers(core);
      expect(await dispatch(handlers, 'plan:definitionNames', undefined)).toEqual({ ok: true, value: ['Plan changed'] });
      expect(await dispatch(handlers, 'plan:definition', { name: 'Nope' })).toEqual({ ok: true, value: null });
      const summary = value<{ keys: unknown[] }>(await dispatch(handlers, 'plan:definition', { name: ' Plan changed ' }));
      expect(summary).toEqual({
        name: 'Plan changed',
        status: 'active',
        enforcement: 'warn',
        truncated: false,
        // In the file's order: the form proposes them as the team wrote them.
        keys: [
          { key: 'plan', types: ['string'], required: true, choices: ['starter', 'team', 'business'], format: null, description: 'The new plan.' },
          { key: 'seats', types: ['integer'], required: true, choices: [], format: null, description: null },
          { key: 'at', types: ['string'], required: false, choices: [], format: 'date-time', description: null },
          { key: 'trial', types: ['boolean'], required: false, choices: [], format: null, description: null },
          { key: 'started', types: ['string'], required: false, choices: [], format: 'date', description: null },
          { key: 'meta', types: ['object'], required: false, choices: [], format: null, description: null },
        ],
      });
      expect(await dispatch(handlers, 'plan:definition', { name: 'x'.repeat(300) })).toMatchObject({ ok: false });
    } finally {
      core.close();
    }
  });

  it('bounds what it passes on from a hostile definition', () => {
    const properties = Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`key${index}`, { type: ['string', 'nope'], enum: [...Array.from({ length: 80 }, (__, n) => `v${n}`), 'x'.repeat(500), { a: 1 }], description: 'd'.repeat(5000), format: 'f'.repeat(100) }]));
    const summary = summarizeDefinition({ name: 'Big', description: '', owner: '', status: 'draft', enforcement: 'warn', schema: { type: 'object', properties, required: 'key0' } });
    expect(summary.keys).toHaveLength(100);
    expect(summary.truncated).toBe(true);
    expect(summary.keys[0]).toMatchObject({ types: ['string'], required: false, format: null });
    expect(summary.keys[0]!.choices).toHaveLength(50);
    expect(summary.keys[0]!.description).toHaveLength(200);
  });
});
