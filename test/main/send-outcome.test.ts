import { freePort } from '../../tools/free-port.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { interpretSend } from '../../src/main/helpcrunch/send-outcome.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { clientFor } from '../support/client.ts';

const event = { name: 'Refund issued', customer: 1001, data: { amount: 20 } };
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function send(options: Parameters<typeof clientFor>[1] = {}, body = event) {
  const { client, clock } = clientFor(mock, options);
  return { outcome: interpretSend(await client.call('POST', '/events', body), body), clock };
}

describe('sending an event through the client, against the mock', () => {
  it('200: reads the event id and createdAt given as a numeric string', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'sent', httpStatus: 200, attempts: 1, message: null });
    expect(outcome.eventId).toBeGreaterThan(0);
    expect(outcome.eventCreatedAt).toBeGreaterThanOrEqual(before);
    expect(mock.received[0]).toMatchObject({ method: 'POST', path: '/v1/events', authorization: `Bearer ${mock.apiKey}`, body: event });
  });

  it('200: accepts createdAt as a number (older docs)', async () => {
    await fetch(mock.url.replace('/v1', '/__mock/config'), { method: 'POST', body: JSON.stringify({ legacyShape: true }) });
    try {
      const { outcome } = await send();
      expect(outcome.outcome).toBe('sent');
      expect(typeof outcome.eventCreatedAt).toBe('number');
    } finally {
      await fetch(mock.url.replace('/v1', '/__mock/config'), { method: 'POST', body: JSON.stringify({ legacyShape: false }) });
    }
  });

  it('400: lists the specific errors, not the generic invalid_request', async () => {
    const { outcome } = await send({}, { ...event, customer: '1001' as unknown as number });
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.errors).toEqual([{ code: 'customer', message: 'This value should be of type numeric.' }]);
    expect(outcome.message).toContain('customer: This value should be of type numeric.');
    expect(outcome.attempts).toBe(1);
  });

  it('401: wrong key, pointing at settings, never retried', async () => {
    const { outcome } = await send({ key: 'not-the-right-key-123456' });
    expect(outcome).toMatchObject({ outcome: 'unauthorized', httpStatus: 401, attempts: 1 });
    expect(outcome.message).toContain('Settings');
  });

  it('no key: nothing is sent', async () => {
    const { outcome } = await send({ key: null });
    expect(outcome).toMatchObject({ outcome: 'unauthorized', attempts: 0 });
    expect(mock.received).toHaveLength(0);
  });

  it('404: customer not found, never retried', async () => {
    const { outcome } = await send({}, { ...event, customer: 999_999 });
    expect(outcome).toMatchObject({ outcome: 'not_found', httpStatus: 404, attempts: 1 });
    expect(outcome.message).toContain('no customer with id 999999');
  });

  it('429 then 200: retried with backoff and succeeds', async () => {
    mock.injectFault({ kind: 'status', status: 429, count: 2 });
    const { outcome, clock } = await send();
    expect(outcome).toMatchObject({ outcome: 'sent', attempts: 3 });
    // Exponential with jitter (random fixed at 0.5): 75 ms then 150 ms.
    expect(clock.sleeps).toEqual([75, 150]);
  });

  it('429 honours Retry-After', async () => {
    mock.injectFault({ kind: 'status', status: 429, retryAfter: 2 });
    const { outcome, clock } = await send();
    expect(outcome.outcome).toBe('sent');
    expect(clock.sleeps).toContain(2000);
  });

  it('429 for good: gives up after the bounded attempts and says so', async () => {
    mock.injectFault({ kind: 'status', status: 429, count: 10 });
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'rate_limited', httpStatus: 429, attempts: 4 });
    expect(outcome.message).toContain('after 4 attempts');
    expect(mock.received).toHaveLength(4);
  });

  it('429 with a Retry-After beyond the total wait is reported without waiting it out', async () => {
    mock.injectFault({ kind: 'status', status: 429, retryAfter: 3600, count: 10 });
    const { outcome, clock } = await send();
    expect(outcome.outcome).toBe('rate_limited');
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000);
  });

  it('503 (provably not sent): retried, then reported as not sent', async () => {
    mock.injectFault({ kind: 'status', status: 503, count: 10 });
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'server_error', disposition: 'not-sent', httpStatus: 503, attempts: 4 });
    expect(outcome.message).toContain('not taking requests right now (503)');
  });

  it('503 then 200: recovers', async () => {
    mock.injectFault({ kind: 'status', status: 503 });
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'sent', disposition: 'delivered', attempts: 2 });
  });

  it.each([500, 502, 504])('%i may come after the event was stored: never retried, "Outcome unknown"', async (status) => {
    mock.injectFault({ kind: 'status', status, count: 10 });
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'server_error', disposition: 'maybe-landed', httpStatus: status, attempts: 1 });
    expect(outcome.message).toContain('may or may not have been created');
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);
  });

  it('a response that echoes the API key is stored with the key removed', async () => {
    mock.injectFault({ kind: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 'name', message: `bad request with Bearer ${mock.apiKey}` }] }) });
    const { outcome } = await send();
    expect(outcome.responseBody).not.toContain(mock.apiKey);
    expect(outcome.message).not.toContain(mock.apiKey);
    expect(outcome.responseBody).toContain('[API key removed by Event Desk]');
  });

  it('non-JSON body: status and a short excerpt', async () => {
    mock.injectFault({ kind: 'malformed', status: 200 });
    const { outcome } = await send();
    expect(outcome.outcome).toBe('unexpected_response');
    expect(outcome.message).toContain('Bad Gateway');
    expect(outcome.responseBody).toContain('<html>');
  });

  it('non-JSON 502 body: server error with an excerpt', async () => {
    mock.injectFault({ kind: 'malformed', status: 502, count: 10 });
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'server_error', httpStatus: 502 });
    expect(outcome.message).toContain('Bad Gateway');
  });

  it('connection reset: a network error in words, not retried', async () => {
    mock.injectFault({ kind: 'reset' });
    const { outcome } = await send();
    expect(outcome).toMatchObject({ outcome: 'network_error', attempts: 1, httpStatus: null });
    expect(outcome.message).toMatch(/connection .* was cut|Could not reach/);
  });

  it('hang: times out and says the event may or may not exist', async () => {
    mock.injectFault({ kind: 'hang' });
    const { outcome } = await send({ timeoutMs: 300 });
    expect(outcome.outcome).toBe('timeout');
    expect(outcome.message).toContain('did not answer within 0.3 s');
  });

  it('connection refused: names it', async () => {
    const { outcome } = await send({ baseUrl: `http://127.0.0.1:${await freePort()}/v1` });
    expect(outcome.outcome).toBe('network_error');
    expect(outcome.message).toContain('refused the connection');
  });

  it('unknown host: names the DNS failure', async () => {
    const { outcome } = await send({ baseUrl: 'https://no-such-host.invalid/v1' });
    expect(outcome.outcome).toBe('network_error');
    expect(outcome.message).toMatch(/DNS lookup failed|Could not reach/);
  });

  it('a redirect is never followed: the event is not re-POSTed to the other origin', async () => {
    const elsewhere = await startMockServer();
    try {
      mock.injectFault({ kind: 'redirect', status: 307, location: `${elsewhere.url}/events` });
      const { outcome } = await send();
      expect(outcome).toMatchObject({ outcome: 'unexpected_response', httpStatus: 307, eventId: null });
      expect(outcome.message).toMatch(/^Unexpected answer from 127\.0\.0\.1:\d+ \(307\): a redirect to .* never follows/);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('a response body is read up to 1 MiB and history says it was cut', async () => {
    mock.injectFault({ kind: 'huge', bytes: 20 * 1024 * 1024 });
    const { outcome } = await send();
    expect(outcome.outcome).toBe('unexpected_response');
    expect(outcome.responseBody!.length).toBeLessThan(1024 * 1024 + 200);
    expect(outcome.responseBody).toContain('it was larger than 1 MiB');
  });

  it('Retry-After as an HTTP date is honoured too', async () => {
    const { retryAfterMs } = await import('../../src/main/helpcrunch/retry-after.ts');
    expect(retryAfterMs('Wed, 25 Nov 2026 10:00:30 GMT', Date.parse('2026-11-25T10:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });

  it('latency: still succeeds within the timeout', async () => {
    mock.injectFault({ kind: 'latency', ms: 150 });
    const { outcome } = await send();
    expect(outcome.outcome).toBe('sent');
  });
});
