import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import type { EventDefinition } from '../../src/shared/plan.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Issue 20: a replay plan checks every line against the tracking plan, so a job never meets a
// block at send time: blocked lines are invalid items (never sent) with the rule's words; warned
// ones are sent and listed.
const temp = tempFoldersFor('event-desk-replay-plan-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const refund: EventDefinition = {
  name: 'Refund issued',
  description: '',
  owner: 'billing',
  status: 'active',
  enforcement: 'block',
  schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' }, method: { enum: ['card', 'cash'] } } },
};
const call: EventDefinition = { ...refund, name: 'Call made', enforcement: 'warn', schema: { type: 'object', required: ['minutes'], properties: { minutes: { type: 'integer', minimum: 1 } } } };

const LINES = [
  { name: 'Refund issued', customer: 1, data: { amount: 20, method: 'card' } },
  { name: 'Refund issued', customer: 2, data: { amount: '20' } },
  { name: 'Call made', customer: 3, data: { minutes: 0 } },
  { name: 'Refund issued', customer: 4, data: { method: 'cheque', amount: 5 } },
  { name: 'Unplanned thing', customer: 5, data: {} },
];

describe('replay plans and the tracking plan', () => {
  it('blocked lines are never sent and say which rule; warned lines are sent and listed; the runner delivers only the rest', async () => {
    const workspaceDir = temp();
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000, workspaceDir });
    try {
      await core.plan.workspace.write(refund);
      await core.plan.workspace.write(call);
      const file = join(temp(), 'events.ndjson');
      writeFileSync(file, `${LINES.map((line) => JSON.stringify(line)).join('\n')}\n`);
      const scope = core.activeScope();
      const plan = await scope.replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
      expect(plan.toSend).toBe(3);
      expect(plan.invalidSample).toEqual([
        { line: 2, error: 'line 2: blocked by the tracking plan: event "Refund issued": data.amount: expected number' },
        { line: 4, error: 'line 4: blocked by the tracking plan: event "Refund issued": data.method: must be one of: card, cash' },
      ]);
      expect(plan.trackingPlan).toEqual({
        blocked: 2,
        warned: 2,
        warnedSample: [
          { line: 3, error: 'line 3: event "Call made": data.minutes: must be at least 1' },
          { line: 5, error: 'line 5: event "Unplanned thing": name: is not in the tracking plan' },
        ],
      });
      expect(await scope.replay.start(plan.job.id).finished).toBe('finished');
      const sent = mock.received.filter((request) => request.path === '/v1/events').map((request) => (request.body as { customer: number }).customer);
      expect(sent.toSorted()).toEqual([1, 3, 5]);
    } finally {
      core.close();
    }
  });

  it('without a plan in the workspace nothing is checked', async () => {
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000, workspaceDir: temp() });
    try {
      const file = join(temp(), 'events.ndjson');
      writeFileSync(file, `${LINES.map((line) => JSON.stringify(line)).join('\n')}\n`);
      const plan = await core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
      expect(plan.toSend).toBe(5);
      expect(plan.trackingPlan).toEqual({ blocked: 0, warned: 0, warnedSample: [] });
    } finally {
      core.close();
    }
  });
});
