import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/main/helpcrunch/client.ts';
import { dispositionOf, safeToRetry } from '../../src/main/helpcrunch/disposition.ts';
import { interpretSend } from '../../src/main/helpcrunch/send-outcome.ts';

const event = { name: 'Refund issued', customer: 1001, data: {} };

function response(status: number, body: unknown): CallResult {
  const bodyText = body === undefined ? '<html>oops</html>' : JSON.stringify(body);
  return { kind: 'response', status, body, bodyText, headers: new Headers(), attempts: 1, durationMs: 1, host: 'api.helpcrunch.com' };
}

describe('the disposition table (one decision per outcome)', () => {
  it.each([
    [response(200, { id: 7, createdAt: '1700000000' }), 'delivered'],
    [response(200, { ok: true }), 'maybe-landed'],
    [response(200, undefined), 'maybe-landed'],
    [response(400, { errors: [] }), 'rejected'],
    [response(401, { errors: [] }), 'rejected'],
    [response(404, { errors: [] }), 'rejected'],
    [response(307, undefined), 'rejected'],
    [response(429, { errors: [] }), 'not-sent'],
    [response(503, undefined), 'not-sent'],
    [response(500, undefined), 'maybe-landed'],
    [response(502, undefined), 'maybe-landed'],
    [response(504, undefined), 'maybe-landed'],
    [{ kind: 'timeout', message: 'x', attempts: 1, durationMs: 1 } as CallResult, 'maybe-landed'],
    [{ kind: 'network', message: 'x', attempts: 1, durationMs: 1, neverSent: false } as CallResult, 'maybe-landed'],
    [{ kind: 'network', message: 'x', attempts: 1, durationMs: 1, neverSent: true } as CallResult, 'not-sent'],
    [{ kind: 'no_key', message: 'x', attempts: 0, durationMs: 0 } as CallResult, 'rejected'],
  ])('%#: %j → %s', (result, expected) => {
    expect(dispositionOf(result)).toBe(expected);
    expect(interpretSend(result, event).disposition).toBe(expected);
  });

  it('for every HTTP status: only 429 and 503 are retried; only a 2xx with an event id is delivered; no 5xx but 503 is called not sent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999 }), fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }), (status, id) => {
        const disposition = dispositionOf(response(status, id === undefined ? {} : { id }));
        expect(safeToRetry(disposition)).toBe(status === 429 || status === 503);
        expect(disposition === 'delivered').toBe(status >= 200 && status < 300 && id !== undefined);
        if (status >= 500 && status !== 503) expect(disposition).toBe('maybe-landed');
        if (status >= 400 && status < 500 && status !== 429) expect(disposition).toBe('rejected');
      }),
      { numRuns: 2000 },
    );
  });

  it('every may-have-landed answer is worded as "may or may not have been created", every not-sent one never is', () => {
    fc.assert(
      fc.property(fc.constantFrom(200, 400, 404, 429, 500, 502, 503, 504), (status) => {
        const outcome = interpretSend(response(status, status === 200 ? {} : { errors: [{ code: 'x', message: 'y' }] }), event);
        const words = outcome.message ?? '';
        expect(words.includes('may or may not have been created')).toBe(outcome.disposition === 'maybe-landed');
      }),
    );
  });
});

describe('a port fetch refuses to use', () => {
  it('is known as never sent (fetch refuses it before connecting), and said so', async () => {
    const { provablyUnsent, describeNetworkError } = await import('../../src/main/helpcrunch/network-error.ts');
    const error = await fetch('http://127.0.0.1:9/v1/events', { method: 'POST', body: '{}' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(provablyUnsent(error)).toBe(true);
    expect(describeNetworkError(error, '127.0.0.1:9')).toMatch(/blocked port.*nothing was sent/);
    // Any other cause without a code stays "may have landed".
    expect(provablyUnsent(new TypeError('fetch failed', { cause: new Error('other side closed') }))).toBe(false);
  });
});
