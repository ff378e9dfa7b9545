import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { HistoryWriteError, SendService } from '../../src/main/sending/send-service.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { clientFor } from '../support/client.ts';
import { tempHistory } from '../support/history-fixture.ts';

const event = { name: 'Refund issued', customer: 1001, data: { amount: 20 } };
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

describe('SendService', () => {
  it('writes "sending" before the request leaves, then the outcome, and tells the renderer both times', async () => {
    const { history, dispose } = tempHistory();
    const { client, clock } = clientFor(mock);
    const changes: string[] = [];
    const sender = new SendService({
      client,
      history,
      clock,
      profile: 'default',
      runId: 'test-run',
      changed: (id) => changes.push(`${id}:${history.get(id)?.outcome}:${mock.received.length}`),
    });
    mock.reset();
    const entry = await sender.send(event);
    expect(entry).toMatchObject({ outcome: 'sent', request: event });
    // First notice: row on disk as "sending" while nothing has reached the server yet.
    expect(changes).toEqual([`${entry.id}:sending:0`, `${entry.id}:sent:1`]);
    expect(history.get(entry.id)).toEqual(entry);
    dispose();
  });

  it('a history that cannot be written (disk full) means nothing is sent, and says so', async () => {
    const { client, clock } = clientFor(mock);
    const full = {
      recordSending: () => {
        throw new Error('database or disk is full');
      },
    } as unknown as HistoryRepository;
    const sender = new SendService({ client, history: full, clock, profile: 'default', runId: 'test-run', changed: () => {} });
    mock.reset();
    const error = await sender.send(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryWriteError);
    expect((error as Error).message).toContain('NOT sent');
    expect((error as Error).message).toContain('disk is full');
    expect(mock.received).toHaveLength(0);
  });
});
