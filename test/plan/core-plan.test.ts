import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { PlanViolationError } from '../../src/main/plan/plan-checker.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import type { EventDefinition } from '../../src/shared/plan.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { freePort } from '../../tools/free-port.ts';

const temp = tempFoldersFor('event-desk-plan-core-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

function open(workspaceDir?: string): { core: Core; userDataDir: string } {
  const userDataDir = temp();
  const core = createCore({ userDataDir, apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000, ...(workspaceDir ? { workspaceDir } : {}) });
  return { core, userDataDir };
}

const eventRequests = () => mock.received.filter((request) => request.path === '/v1/events').length;

const refund: EventDefinition = {
  name: 'Refund issued',
  description: '',
  owner: 'billing',
  status: 'active',
  enforcement: 'block',
  schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' }, method: { enum: ['card', 'cash'] } } },
};

describe('"create from history"', () => {
  it('proposes required keys (≥ 95% of sends), a type per key, enums for small sets of short strings, and formats', async () => {
    const { core } = open();
    try {
      const scope = core.activeScope();
      for (let n = 0; n < 25; n += 1) {
        const data: Record<string, unknown> = { amount: n + 0.5, method: n % 3 === 0 ? 'cash' : 'card', at: `2026-01-${String((n % 28) + 1).padStart(2, '0')}T09:30:00Z`, email: `ada+${n}@example.com`, reference: `R-${n}` };
        if (n % 10 === 0) data.note = `note ${n}`;
        // One send in 25 without `method`: 96%, still required.
        if (n === 7) delete data.method;
        await scope.sender.send({ name: 'Refund issued', customer: 1001, data });
      }
      await scope.sender.send({ name: 'Rare', customer: 1001, data: { kind: 'a' } });
      const proposal = core.plan.proposer.propose(scope.profile, 'Refund issued');
      expect(proposal).toMatchObject({ name: 'Refund issued', status: 'draft', enforcement: 'warn', description: expect.stringMatching(/^Proposed from 25 delivered sends on \d{4}-\d{2}-\d{2}\.$/) });
      expect(proposal.schema).toEqual({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['amount', 'at', 'email', 'reference', 'method'],
        properties: {
          amount: { type: 'number' },
          at: { type: 'string', format: 'date-time' },
          email: { type: 'string', format: 'email' },
          // 25 distinct values: not an enum.
          reference: { type: 'string' },
          method: { type: 'string', enum: ['card', 'cash'] },
          // In 3 sends of 25: optional, and too few to be an enum.
          note: { type: 'string' },
        },
      });
      // Fewer than 20 sends: no enum, however few the values.
      expect(core.plan.proposer.propose(scope.profile, 'Rare').schema.properties).toEqual({ kind: { type: 'string' } });
      expect(() => core.plan.proposer.propose(scope.profile, 'Never sent')).toThrow(/no delivered sends of "Never sent"/);
      // The proposal is a valid definition: it writes, loads back equal, and every past send meets
      // it but the one without `method` (a draft: it warns).
      const file = await core.plan.workspace.write(proposal);
      expect(file).toBe('definitions/refund-issued.yaml');
      expect((await core.plan.checker.reload()).definitions.get('Refund issued')?.definition).toEqual(proposal);
      for (const entry of core.history.page(100, null, scope.profile).entries) {
        if (entry.request.name !== 'Refund issued') continue;
        const check = await core.plan.checker.check(entry.request);
        if (entry.request.data.amount === 7.5) expect(check).toEqual({ verdict: 'warn', definition: 'Refund issued', violations: [{ path: 'data.method', message: 'missing (required)' }] });
        else expect(check.verdict).toBe('ok');
      }
    } finally {
      core.close();
    }
  });
});

describe('enforcement on the send path', () => {
  it('a blocked send writes no history row and sends nothing; a warned one is sent with its verdict', async () => {
    const { core, userDataDir } = open();
    try {
      const scope = core.activeScope();
      // The default workspace: inside the user-data folder, and not created until something is written.
      expect(core.plan.workspace.dir).toBe(join(userDataDir, 'workspace'));
      expect(readdirSync(userDataDir)).not.toContain('workspace');
      await core.plan.workspace.write(refund);
      await core.plan.workspace.write({ ...refund, name: 'Call made', enforcement: 'warn', schema: { type: 'object', required: ['minutes'] } });
      await core.plan.checker.reload();
      const before = eventRequests();
      const bad = { name: 'Refund issued', customer: 1001, data: { amount: '20', method: 'cheque' } };
      const refused = await scope.sender.send(bad).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PlanViolationError);
      expect(refused).toMatchObject({ code: 'plan_violation', message: 'Not sent: the tracking plan blocks "Refund issued": data.amount: expected number; data.method: must be one of: card, cash.', violations: [{ path: 'data.amount', message: 'expected number' }, { path: 'data.method', message: 'must be one of: card, cash' }] });
      // The app's path (the outbox's send-or-queue) refuses the same way, and queues nothing.
      await expect(scope.outbox.sendOrQueue(bad)).rejects.toMatchObject({ code: 'plan_violation' });
      expect(scope.outbox.count()).toBe(0);
      expect(core.history.count(scope.profile, EMPTY_FILTER)).toBe(0);
      expect(eventRequests()).toBe(before);

      const warned = await scope.outbox.sendOrQueue({ name: 'Call made', customer: 1001, data: {} });
      expect(warned.entry.outcome).toBe('sent');
      const attempt = await scope.sender.attempt({ name: 'Call made', customer: 1002, data: {} });
      expect(attempt.plan).toEqual({ verdict: 'warn', definition: 'Call made', violations: [{ path: 'data.minutes', message: 'missing (required)' }] });
      const good = await scope.sender.attempt({ name: 'Refund issued', customer: 1001, data: { amount: 20, method: 'card' } });
      expect(good.plan?.verdict).toBe('ok');
      expect(core.history.count(scope.profile, EMPTY_FILTER)).toBe(3);
      expect(eventRequests()).toBe(before + 3);
    } finally {
      core.close();
    }
  });

  it('an outbox item the plan blocks since it was queued is held as rejected for the user, never retried or sent', async () => {
    const port = await freePort();
    const userDataDir = temp();
    const core = createCore({ userDataDir, apiBaseUrl: `http://127.0.0.1:${port}/v1`, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 1 } });
    try {
      const scope = core.activeScope();
      const queued = await scope.outbox.sendOrQueue({ name: 'Refund issued', customer: 1001, data: { amount: '20' } });
      expect(queued.outboxId).not.toBeNull();
      await core.plan.workspace.write(refund);
      await core.plan.checker.reload();
      const server = await startMockServer({ port, apiKey: mock.apiKey });
      try {
        expect(await scope.outbox.sendNow()).toBe(0);
        expect(scope.outbox.list()).toMatchObject([{ state: 'rejected', lastError: expect.stringContaining('tracking plan blocks') }]);
        expect(server.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
      } finally {
        await server.close();
      }
    } finally {
      core.close();
    }
  });

  it('another workspace folder (--workspace, EVENT_DESK_WORKSPACE) serves every account of the core', async () => {
    const workspaceDir = join(temp(), 'team-plan');
    const { core } = open(workspaceDir);
    try {
      await core.plan.workspace.write(refund);
      await core.plan.workspace.writeSettings({ onlyPlannedEvents: true });
      await core.plan.checker.reload();
      const other = core.profiles.create({ name: 'Staging' });
      const before = eventRequests();
      for (const scope of [core.activeScope(), core.scope(other.id)]) {
        await expect(scope.sender.send({ name: 'Unplanned', customer: 1001, data: {} })).rejects.toMatchObject({ code: 'plan_violation', message: expect.stringMatching(/"Unplanned": name: is not in the tracking plan, which allows only planned events/) });
      }
      expect(eventRequests()).toBe(before);
      expect(readdirSync(workspaceDir).toSorted()).toEqual(['definitions', 'plan.yaml']);
    } finally {
      core.close();
    }
  });
});
