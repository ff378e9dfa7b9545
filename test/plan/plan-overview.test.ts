import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { dispatch } from '../../src/main/ipc/dispatch.ts';
import { migrate, openDatabase } from '../../src/main/storage/database.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import type { Clock } from '../../src/main/clock.ts';
import { systemClock } from '../../src/main/clock.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-plan-overview-');
const DAY = 24 * 60 * 60 * 1000;
// A fixed "now" so the 30 daily buckets are known: 2026-06-30 12:00 UTC.
const NOW = Date.UTC(2026, 5, 30, 12);
const clock: Clock = { now: () => NOW, sleep: systemClock.sleep };
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

/** A core on a temp folder; `fixed` pins "now" (for the daily buckets; nothing is sent then: waits would never end). */
function open(fixed = false): { core: Core; userDataDir: string } {
  const userDataDir = temp();
  const core = createCore({ userDataDir, apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000, ...(fixed ? { clock } : {}) });
  return { core, userDataDir };
}

function define(userDataDir: string, file: string, text: string): void {
  mkdirSync(join(userDataDir, 'workspace', 'definitions'), { recursive: true });
  writeFileSync(join(userDataDir, 'workspace', 'definitions', file), text);
}

const REFUND = `name: Refund issued
status: active
enforcement: warn
owner: billing
schema:
  type: object
  required: [amount]
  properties:
    amount:
      type: number
`;

describe('the plan_marks migration', () => {
  it('adds its tables to an older history without touching its sends', () => {
    const path = join(temp(), 'history.sqlite');
    const old = new DatabaseSync(path);
    migrate(old, migrations.slice(0, migrations.length - 1));
    old.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data) VALUES ('default', 1, 1, 'sent', 'Kept refund', 7, '{"amount":1}')`).run();
    old.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT name, data FROM sends').all()).toEqual([{ name: 'Kept refund', data: '{"amount":1}' }]);
      expect(db.prepare('SELECT count(*) AS n FROM plan_marks').get()).toEqual({ n: 0 });
      // A mark goes with its send when the send is deleted; a block goes with its profile.
      db.prepare(`INSERT INTO plan_marks (send_id, verdict, violations, overridden) VALUES (1, 'warn', '[]', 1)`).run();
      db.prepare('DELETE FROM sends WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) AS n FROM plan_marks').get()).toEqual({ n: 0 });
      db.prepare(`INSERT INTO profiles (id, name, created_at) VALUES ('other', 'Other', 0)`).run();
      db.prepare(`INSERT INTO plan_blocks (profile, name, at) VALUES ('other', 'X', 1), ('default', 'X', 1)`).run();
      db.prepare(`DELETE FROM profiles WHERE id = 'other'`).run();
      expect(db.prepare('SELECT profile FROM plan_blocks').all()).toEqual([{ profile: 'default' }]);
    } finally {
      db.close();
    }
  });
});

describe('the Plan view overview', () => {
  it('counts delivered sends per day, warnings, overrides and blocks over 30 days, with the two lists', async () => {
    const { core, userDataDir } = open(true);
    try {
      define(userDataDir, 'refund-issued.yaml', REFUND);
      define(userDataDir, 'plan-upgraded.yaml', 'name: Plan upgraded\nstatus: draft\nschema:\n  type: object\n');
      define(userDataDir, 'broken.yaml', 'name: Broken\nstatus: [active\n');
      await core.plan.checker.reload();
      // Seeded history, straight into SQLite: today, 3 days ago, 40 days ago (outside the window), a failure.
      // A second connection to the app's file, as another process would have (WAL).
      const db = openDatabase(join(userDataDir, 'history.sqlite'));
      const insert = db.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data) VALUES (?, ?, ?, ?, ?, 1001, '{}')`);
      const seed = (name: string, at: number, outcome = 'sent', profile = 'default') => Number(insert.run(profile, at, at, outcome, name).lastInsertRowid);
      const today = seed('Refund issued', NOW - 1000);
      seed('Refund issued', NOW - 2000);
      seed('Refund issued', NOW - 3 * DAY);
      seed('Refund issued', NOW - 40 * DAY);
      seed('Refund issued', NOW - 1000, 'rejected');
      seed('Legacy ping', NOW - 5 * DAY);
      seed('Other account only', NOW - 1000, 'sent', 'elsewhere');
      db.prepare(`INSERT INTO plan_marks (send_id, verdict, violations, overridden) VALUES (?, 'warn', '[{"path":"data.amount","message":"expected number"}]', 1)`).run(today);
      db.prepare(`INSERT INTO plan_blocks (profile, name, at) VALUES ('default', 'Refund issued', ?), ('default', 'Refund issued', ?)`).run(NOW - DAY, NOW - 31 * DAY);

      const overview = await core.plan.overview.overview('default');
      expect(overview.definitions.map((definition) => [definition.name, definition.status, definition.enforcement, definition.owner])).toEqual([
        ['Plan upgraded', 'draft', 'warn', ''],
        ['Refund issued', 'active', 'warn', 'billing'],
      ]);
      expect(overview.problems).toEqual([expect.objectContaining({ file: 'definitions/broken.yaml', line: expect.any(Number) })]);
      const refund = overview.activity.find((item) => item.name === 'Refund issued')!;
      expect(refund).toMatchObject({ sends: 3, warned: 1, overridden: 1, blocked: 1, lastSent: NOW - 1000 });
      expect(refund.daily).toHaveLength(30);
      expect(refund.daily.at(-1)).toBe(2);
      expect(refund.daily.at(-4)).toBe(1);
      expect(refund.daily.reduce((sum, n) => sum + n, 0)).toBe(3);
      expect(overview.activity.find((item) => item.name === 'Plan upgraded')).toMatchObject({ sends: 0, lastSent: null });
      expect(overview.activity.map((item) => item.name)).not.toContain('Other account only');
      expect(overview.neverSent).toEqual(['Plan upgraded']);
      expect(overview.notPlanned).toEqual(['Legacy ping']);
      expect(overview.dir).toBe(join(userDataDir, 'workspace'));
      db.close();
    } finally {
      core.close();
    }
  });

  it('records a warning with its send (overridden when the person confirmed), and a block as a count only', async () => {
    const { core, userDataDir } = open();
    try {
      define(userDataDir, 'refund-issued.yaml', REFUND);
      define(userDataDir, 'strict.yaml', 'name: Strict\nstatus: active\nenforcement: block\nschema:\n  type: object\n  required: [amount]\n');
      await core.plan.checker.reload();
      const handlers = createIpcHandlers(core);
      const warned = await dispatch(handlers, 'events:sendAgainstPlan', { event: { name: 'Refund issued', customer: 1001, data: { amount: '20' } }, again: false });
      expect(warned).toMatchObject({ ok: true, value: { outcome: 'sent' } });
      const id = (warned as { value: { id: number } }).value.id;
      expect(await dispatch(handlers, 'plan:mark', { id })).toEqual({ ok: true, value: { verdict: 'warn', violations: [{ path: 'data.amount', message: 'expected number' }], overridden: true } });
      // The same warning without the person's say (the quick log, the CLI): recorded, not overridden.
      const plain = await dispatch(handlers, 'events:send', { name: 'Refund issued', customer: 1001, data: { amount: 'x' } });
      expect(await dispatch(handlers, 'plan:mark', { id: (plain as { value: { id: number } }).value.id })).toMatchObject({ ok: true, value: { overridden: false } });
      // A send that meets the plan has no mark.
      const clean = await dispatch(handlers, 'events:send', { name: 'Refund issued', customer: 1001, data: { amount: 5 } });
      expect(await dispatch(handlers, 'plan:mark', { id: (clean as { value: { id: number } }).value.id })).toEqual({ ok: true, value: null });
      // A block stays a block, whatever the channel: nothing written, counted for the Plan view.
      const before = core.history.count('default', { outcomes: [], name: null, customer: null, customerText: null, from: null, to: null, text: null } as never);
      expect(await dispatch(handlers, 'events:sendAgainstPlan', { event: { name: 'Strict', customer: 1001, data: {} }, again: false })).toMatchObject({ ok: false, error: { code: 'plan_violation' } });
      expect(core.history.count('default', { outcomes: [], name: null, customer: null, customerText: null, from: null, to: null, text: null } as never)).toBe(before);
      const overview = await dispatch(handlers, 'plan:overview', undefined);
      expect((overview as { value: { activity: { name: string; blocked: number; warned: number; overridden: number }[] } }).value.activity.filter((item) => item.name !== 'Plan upgraded')).toEqual([
        expect.objectContaining({ name: 'Refund issued', warned: 2, overridden: 1, blocked: 0 }),
        expect.objectContaining({ name: 'Strict', blocked: 1 }),
      ]);
      // plan:check is what the composer asks: the verdict without a send.
      expect(await dispatch(handlers, 'plan:check', { name: 'Strict', data: { amount: 1 } })).toEqual({ ok: true, value: { verdict: 'ok', definition: 'Strict', violations: [] } });
    } finally {
      core.close();
    }
  });

  it('saves a definition from the form and the next check uses it at once', async () => {
    const { core, userDataDir } = open();
    try {
      const handlers = createIpcHandlers(core);
      await dispatch(handlers, 'events:send', { name: 'Call made', customer: 1001, data: { minutes: 5 } });
      const proposal = await dispatch(handlers, 'plan:propose', { name: 'Call made' });
      expect(proposal).toMatchObject({ ok: true, value: { name: 'Call made', status: 'draft' } });
      const definition = { ...(proposal as { value: Record<string, unknown> }).value, status: 'active', enforcement: 'block', owner: 'support' };
      expect(await dispatch(handlers, 'plan:saveDefinition', { definition })).toEqual({ ok: true, value: { file: 'definitions/call-made.yaml' } });
      expect(await dispatch(handlers, 'plan:check', { name: 'Call made', data: { minutes: 'five' } })).toMatchObject({ ok: true, value: { verdict: 'block', violations: [{ path: 'data.minutes', message: 'expected number' }] } });
      expect(userDataDir).toBeTruthy();
    } finally {
      core.close();
    }
  });
});

describe('the plan channels refuse hostile input before main reads it', () => {
  it('bounds names, data, descriptions and schemas', async () => {
    const { core } = open();
    try {
      const handlers = createIpcHandlers(core);
      const refused = async (channel: string, input: unknown) => {
        const started = performance.now();
        const result = await dispatch(handlers, channel, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(performance.now() - started).toBeLessThan(2000);
      };
      const deep: Record<string, unknown> = {};
      let at = deep;
      for (let level = 0; level < 100_000; level += 1) at = (at.properties = {}) as Record<string, unknown>;
      const definition = { name: 'X', description: '', owner: '', status: 'draft', enforcement: 'warn', schema: { type: 'object' } };
      await refused('plan:check', { name: 'x'.repeat(100_000), data: {} });
      await refused('plan:check', { name: 'Big', data: { blob: 'x'.repeat(200_000) } });
      await refused('plan:check', { name: 'Deep', data: deep });
      await refused('plan:check', { name: 'Not an object', data: [1, 2] });
      await refused('plan:propose', { name: '' });
      await refused('plan:saveDefinition', { definition: { ...definition, description: 'x'.repeat(3000) } });
      await refused('plan:saveDefinition', { definition: { ...definition, owner: 'x'.repeat(300) } });
      await refused('plan:saveDefinition', { definition: { ...definition, status: 'live' } });
      await refused('plan:saveDefinition', { definition: { ...definition, schema: deep } });
      await refused('plan:saveDefinition', { definition: { ...definition, schema: { type: 'object', description: 'x'.repeat(1_000_000) } } });
      await refused('plan:mark', { id: -1 });
      await refused('events:sendAgainstPlan', { event: { name: 'A', customer: 0, data: {} }, again: false });
      // Past the zod bounds, main's own file rules still refuse what a plan may not hold (pattern: ReDoS).
      const pattern = await dispatch(handlers, 'plan:saveDefinition', { definition: { ...definition, schema: { type: 'object', properties: { a: { type: 'string', pattern: '(a+)+$' } } } } });
      expect(pattern).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      core.close();
    }
  });
});
