import type { Clock } from '../clock.ts';
import type { KeyGrant } from '../secrets/key-service.ts';
import type { Priority, RateBudget } from './rate-budget.ts';
import { readCappedText } from './capped-body.ts';
import { retryAfterMs } from './retry-after.ts';
import { describeNetworkError, provablyUnsent } from './network-error.ts';
import { redactKey, tryParseJson } from './response-body.ts';
import { dispositionOfStatus, safeToRetry } from './disposition.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retries stop once waiting more would pass this total. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 20_000, maxTotalWaitMs: 60_000 };

export interface HelpCrunchClientDeps {
  fetch: typeof globalThis.fetch;
  budget: Pick<RateBudget, 'acquire' | 'admit' | 'pauseUntil'>;
  clock: Clock;
  baseUrl: () => string;
  /** Read on every call so a replaced key applies at once; withheld when the origin is not the key's. */
  apiKey: (origin: string) => Promise<KeyGrant>;
  random?: () => number;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/** What one logical call ended with, after any retries. */
export type CallResult =
  | { kind: 'response'; status: number; bodyText: string; body: unknown; headers: Headers; attempts: number; durationMs: number; host: string }
  | { kind: 'network'; message: string; attempts: number; durationMs: number; neverSent: boolean }
  | { kind: 'timeout'; message: string; attempts: number; durationMs: number }
  | { kind: 'no_key'; message: string; attempts: 0; durationMs: 0 };

export interface CallOptions {
  /** Retry answers that provably did not reach HelpCrunch (429, 503; default true). Never anything that may have landed. */
  retry?: boolean;
  signal?: AbortSignal;
  /** Batch items yield to interactive requests in the shared budget (default interactive). */
  priority?: Priority;
  /** The caller already holds a budget slot for the first attempt (a job runner acquires it before recording the send). */
  slotHeld?: boolean;
}

/** The one HTTP client for HelpCrunch: every request passes the profile's rate budget. */
export class HelpCrunchClient {
  readonly #deps: Required<HelpCrunchClientDeps>;

  constructor(deps: HelpCrunchClientDeps) {
    this.#deps = { random: Math.random, timeoutMs: 15_000, retry: DEFAULT_RETRY, ...deps };
  }

  get timeoutMs(): number {
    return this.#deps.timeoutMs;
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown, options: CallOptions = {}): Promise<CallResult> {
    const { clock, retry } = this.#deps;
    const url = `${this.#deps.baseUrl()}${path}`;
    const origin = new URL(url).origin;
    const grant = await this.#deps.apiKey(origin);
    if (grant.kind === 'missing') return { kind: 'no_key', message: 'No API key is set. Add one in Settings.', attempts: 0, durationMs: 0 };
    if (grant.kind === 'withheld') {
      return {
        kind: 'no_key',
        message: `The API key was saved for ${grant.boundTo}, so Event Desk does not send it to ${origin}. Enter the key again in Settings to use it with this address.`,
        attempts: 0,
        durationMs: 0,
      };
    }
    const key = grant.key;
    const started = clock.now();
    let waited = 0;
    for (let attempt = 1; ; attempt += 1) {
      // A held slot was taken earlier (a job writes its journal first): the start itself is admitted
      // here, right before the request, so a stall in between never puts N + 1 at the server.
      if (attempt === 1 && options.slotHeld) await this.#deps.budget.admit(options.signal);
      else await this.#deps.budget.acquire(options.signal, options.priority);
      const result = await this.#attempt(method, url, key, body, options.signal);
      const durationMs = clock.now() - started;
      if (result.kind !== 'response') return { ...result, attempts: attempt, durationMs };
      const answer = tryParseJson(result.bodyText);
      // The one rule: only an answer that provably did not create the event is tried again.
      const retryable = safeToRetry(dispositionOfStatus(result.status, answer));
      const delay = this.#delay(attempt, result.headers);
      if (result.status === 429) this.#deps.budget.pauseUntil(clock.now() + delay);
      const canRetry = (options.retry ?? true) && retryable && attempt < retry.maxAttempts && waited + delay <= retry.maxTotalWaitMs;
      if (!canRetry) {
        return { ...result, kind: 'response', body: answer, attempts: attempt, durationMs };
      }
      await clock.sleep(delay, options.signal);
      waited += delay;
    }
  }

  async #attempt(method: string, url: string, key: string, body: unknown, signal: AbortSignal | undefined) {
    const timeout = AbortSignal.timeout(this.#deps.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await this.#deps.fetch(url, {
        method,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
        // Never follow a redirect: it would carry the event (and, to the same origin, the key)
        // somewhere the user did not choose. A 3xx comes back as an unexpected answer instead.
        redirect: 'manual',
      });
      const { text, truncated } = await readCappedText(response);
      // History says so where it shows the body.
      const bodyText = redactKey(truncated ? `${text}\n… [Event Desk cut the response here: it was larger than 1 MiB]` : text, key);
      const headers = new Headers(response.headers);
      const location = headers.get('location');
      if (location !== null) headers.set('location', redactKey(location, key));
      return { kind: 'response' as const, status: response.status, bodyText, headers, host: new URL(url).host };
    } catch (error) {
      const host = new URL(url).host;
      if (timeout.aborted && !signal?.aborted) {
        const seconds = Math.round(this.#deps.timeoutMs / 100) / 10;
        return {
          kind: 'timeout' as const,
          message: `${host} did not answer within ${seconds} s. The event may or may not have been created: check the customer's profile before sending again.`,
        };
      }
      if (signal?.aborted) throw error;
      return { kind: 'network' as const, message: describeNetworkError(error, host), neverSent: provablyUnsent(error) };
    }
  }

  /** Retry-After when HelpCrunch sends it (seconds or a date); otherwise exponential backoff with jitter. */
  #delay(attempt: number, headers: Headers): number {
    const retryAfter = retryAfterMs(headers.get('retry-after'), this.#deps.clock.now());
    if (retryAfter !== null) return Math.min(retryAfter, this.#deps.retry.maxTotalWaitMs);
    const { baseDelayMs, maxDelayMs } = this.#deps.retry;
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (this.#deps.random() * cap) / 2);
  }
}
