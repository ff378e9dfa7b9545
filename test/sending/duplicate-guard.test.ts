import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HelpCrunchClient } from '../../src/main/helpcrunch/client.ts';
import { DuplicateError, NotSentError, OutcomeUnrecordedError, SendService } from '../../src/main/sending/send-service.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { clientFor } from '../support/client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempHistory } from '../support/history-fixture.ts';
import { clientDroppedResetSockets } from '../support/sockets.ts';

const event = { name: 'Refund issued', customer: 1001, data: { amount: 20 } };
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

function setup(options: { timeoutMs?: number } = {}) {
  const temp = tempHistory();
  const { client, clock } = clientFor(mock, options);
  const sender = new SendService({ client, history: temp.history, clock, profile: 'default', runId: 'test-run', changed: () => {} });
  return { ...temp, sender };
}

describe('the duplicate guard is part of sending', () => {
  it('refuses an event that was delivered, unless the send allows it', async () => {
    const { sender, dispose } = setup();
    await sender.send(event);
    const refused = await sender.send(event).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DuplicateError);
    expect((refused as DuplicateError).previous.state).toBe('delivered');
    expect(mock.events).toHaveLength(1);
    await sender.send(event, { allowDuplicate: true });
    expect(mock.events).toHaveLength(2);
    dispose();
  });

  it('refuses an event whose earlier send may have landed (a 504 after HelpCrunch stored it)', async () => {
    const { sender, dispose } = setup();
    mock.injectFault({ kind: 'status', status: 504, afterStore: true, path: '/v1/events' });
    const first = await sender.attempt(event);
    expect(first.disposition).toBe('maybe-landed');
    const refused = await sender.send(event).catch((error: unknown) => error);
    expect((refused as DuplicateError).previous.state).toBe('unknown');
    expect((refused as Error).message).toContain('may have landed');
    expect(mock.events).toHaveLength(1);
    dispose();
  });

  it('lets an event through again when the earlier send provably did not land (429, 503, refused connection, 400)', async () => {
    const { sender, dispose } = setup();
    mock.injectFault({ kind: 'status', status: 429, count: 10 });
    expect((await sender.attempt(event)).disposition).toBe('not-sent');
    mock.reset();
    mock.injectFault({ kind: 'reset-on-connect' });
    await clientDroppedResetSockets();
    const reset = await sender.attempt(event);
    expect(reset.disposition).toBe('not-sent');
    expect(reset.entry.message).toContain('before the request was sent');
    expect(mock.events).toHaveLength(0);
    expect((await sender.attempt(event)).disposition).toBe('delivered');
    expect(mock.events).toHaveLength(1);
    dispose();
  });

  it('refuses the same event while it is in flight: two sends at once make one event', async () => {
    const { sender, dispose } = setup();
    mock.injectFault({ kind: 'latency', ms: 300, path: '/v1/events' });
    const [a, b] = await Promise.allSettled([sender.send(event), sender.send(event)]);
    const outcomes = [a, b].map((result) => (result.status === 'fulfilled' ? 'sent' : (result.reason as DuplicateError).previous.state));
    expect(outcomes.toSorted()).toEqual(['in-flight', 'sent']);
    expect(mock.events).toHaveLength(1);
    dispose();
  });

  it('a timeout or a reset after the request was written is "Outcome unknown", never retried by the client', async () => {
    const { sender, dispose } = setup({ timeoutMs: 300 });
    mock.injectFault({ kind: 'hang', afterStore: true, path: '/v1/events' });
    const hung = await sender.attempt(event);
    expect(hung).toMatchObject({ disposition: 'maybe-landed', entry: { outcome: 'timeout', attempts: 1 } });
    mock.injectFault({ kind: 'reset', afterStore: true, path: '/v1/events' });
    const cut = await sender.attempt({ ...event, data: { amount: 21 } });
    expect(cut).toMatchObject({ disposition: 'maybe-landed', entry: { outcome: 'network_error', attempts: 1 } });
    expect(mock.events).toHaveLength(2);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(2);
    dispose();
  });
});

describe('a send that fails around the request', () => {
  // What client.prepare and client.call throw happens before a request is made: the key (a locked
  // keychain), the shared budget's lock.
  const grant = { url: 'http://127.0.0.1:9/v1/events', origin: 'http://127.0.0.1:9', host: '127.0.0.1:9', grant: { kind: 'key', key: 'k' } };
  const failures = {
    'the budget could not be read': { prepare: async () => grant, startWithin: () => false, call: async () => { throw new Error('database is locked'); } },
    'the key could not be read': { prepare: async () => { throw new Error('the keychain is locked'); }, startWithin: () => false, call: async () => { throw new Error('never called'); } },
  };
  for (const [why, failing] of Object.entries(failures)) {
    it(`stopped before the request left (${why}): "not sent", and the same event may be sent again`, async () => {
      const { history, sender, dispose } = setup();
      const broken = new SendService({
        client: failing as unknown as HelpCrunchClient,
        history,
        clock: new FakeClock(),
        profile: 'default',
        runId: 'test-run',
        changed: () => {},
      });
      const error = await broken.send(event).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotSentError);
      expect((error as NotSentError).message).toContain(why === 'the key could not be read' ? 'keychain is locked' : 'database is locked');
      expect(mock.events).toHaveLength(0);
      expect(history.page(10, null, 'default').entries[0]).toMatchObject({ disposition: 'not-sent', outcome: 'network_error' });
      expect((await sender.attempt(event)).disposition).toBe('delivered');
      dispose();
    });
  }

  it('the answer could not be written after the request left: never reported as "not sent"', async () => {
    const { history, dispose } = setup();
    const { client, clock } = clientFor(mock);
    const full = new Proxy(history, {
      get(target, property, receiver) {
        if (property === 'complete') return () => { throw new Error('database or disk is full'); };
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const sender = new SendService({ client, history: full, clock, profile: 'default', runId: 'test-run', changed: () => {} });
    const error = await sender.send(event).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnrecordedError);
    expect((error as OutcomeUnrecordedError).disposition).toBe('delivered');
    expect(mock.events).toHaveLength(1);
    // The row stays "sending": the guard treats it as in flight.
    expect(await sender.send(event).catch((caught: unknown) => (caught as DuplicateError).previous.state)).toBe('in-flight');
    dispose();
  });
});
