import { HelpCrunchClient, type RetryPolicy } from '../../src/main/helpcrunch/client.ts';
import { RateBudget } from '../../src/main/helpcrunch/rate-budget.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import type { MockServer } from '../../tools/mock-api/server.ts';
import { FakeClock } from './fake-clock.ts';

export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxTotalWaitMs: 5000 };

/** A client pointed at a running mock, with a fake clock so retry waits take no real time. */
export function clientFor(mock: MockServer, options: { key?: string | null; timeoutMs?: number; baseUrl?: string } = {}) {
  const clock = new FakeClock();
  const client = new HelpCrunchClient({
    fetch: globalThis.fetch,
    budget: new RateBudget(openDatabase(':memory:'), clock, { perMinute: 100_000, profile: 'default' }),
    clock,
    baseUrl: () => options.baseUrl ?? mock.url,
    apiKey: async () => {
      const key = options.key === undefined ? mock.apiKey : options.key;
      return key === null ? { kind: 'missing' as const } : { kind: 'key' as const, key };
    },
    random: () => 0.5,
    timeoutMs: options.timeoutMs ?? 5000,
    retry: FAST_RETRY,
  });
  return { client, clock };
}
