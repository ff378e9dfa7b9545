import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import type { EventDefinition } from '../../src/shared/plan.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The window may add a definition, never replace one: a compromised page (or a mistyped name in the
// form) must not turn a team's blocking rule into a pass.
const temp = tempFoldersFor('event-desk-save-definition-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());

const refund: EventDefinition = { name: 'Refund issued', description: '', owner: 'billing', status: 'active', enforcement: 'block', schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } } };

describe('plan:saveDefinition over IPC', () => {
  it('refuses a name the plan defines already, and the block still holds', async () => {
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000, workspaceDir: temp() });
    try {
      await core.plan.workspace.write(refund);
      const handlers = createIpcHandlers(core);
      // The handler table throws a Failure; dispatch turns it into the window's Result.
      await expect(handlers['plan:saveDefinition']({ definition: { ...refund, name: ' Refund issued ', status: 'draft', enforcement: 'warn', schema: { type: 'object' } } })).rejects.toMatchObject({
        code: 'name_taken',
        reason: 'definition',
        params: { name: 'Refund issued' },
      });
      await expect(handlers['events:send']({ name: 'Refund issued', customer: 1001, data: { amount: '20' } })).rejects.toMatchObject({ code: 'plan_violation' });
      expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
      // A new name is written.
      expect(await handlers['plan:saveDefinition']({ definition: { ...refund, name: 'Call made' } })).toEqual({ ok: true, value: { file: 'definitions/call-made.yaml' } });
    } finally {
      core.close();
    }
  });
});
