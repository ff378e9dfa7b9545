import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelpCrunchClient } from '../../src/main/helpcrunch/client.ts';
import { RateBudget } from '../../src/main/helpcrunch/rate-budget.ts';
import type { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { DuplicateError, HistoryWriteError, SendService } from '../../src/main/sending/send-service.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { clientFor } from '../support/client.ts';
import { FakeClock } from '../support/fake-clock.ts';
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
    // First notice: the row committed as "sending" while nothing has reached the server yet.
    expect(changes).toEqual([`${entry.id}:sending:0`, `${entry.id}:sent:1`]);
    expect(history.get(entry.id)).toEqual(entry);
    dispose();
  });

  it('takes the rate budget\'s slot in the history row\'s transaction when it is free, waits for it when not, and logs each start once', async () => {
    const { history, db, dispose } = tempHistory();
    const clock = new FakeClock();
    // The budget on the history's own connection, as in the app.
    const budget = new RateBudget(db, clock, { perMinute: 60, profile: 'default' });
    const takenWithRow: boolean[] = [];
    const startWithin = budget.startWithin.bind(budget);
    budget.startWithin = () => {
      expect(db.isTransaction).toBe(true);
      const taken = startWithin();
      takenWithRow.push(taken);
      return taken;
    };
    const client = new HelpCrunchClient({ fetch: globalThis.fetch, budget, clock, baseUrl: () => mock.url, apiKey: async () => ({ kind: 'key', key: mock.apiKey }) });
    const sender = new SendService({ client, history, clock, profile: 'default', runId: 'test-run', changed: () => {} });
    const starts = () => (db.prepare('SELECT count(*) AS n FROM rate_starts').get() as { n: number }).n;
    mock.reset();
    await sender.send(event);
    expect(starts()).toBe(1);
    expect(clock.sleeps).toEqual([]);
    // Another request holds the next slot (a second from now): this send waits for the one after.
    expect(budget.reserve()).toBeGreaterThan(0);
    await sender.send({ ...event, data: { amount: 21 } });
    expect(starts()).toBe(2);
    expect(clock.sleeps.length).toBeGreaterThan(0);
    // Refused by the guard: no row, so no slot and no start either.
    const waitBefore = budget.waitMs;
    expect(await sender.send(event).catch((error: unknown) => error)).toBeInstanceOf(DuplicateError);
    expect(starts()).toBe(2);
    expect(budget.waitMs).toBe(waitBefore);
    expect(takenWithRow).toEqual([true, false]);
    expect(mock.events).toHaveLength(2);
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
