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
  budget: Pick<RateBudget, 'acquire' | 'admit' | 'pauseUntil'> & Partial<Pick<RateBudget, 'startWithin'>>;
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
  /** Where the call goes and the key it carries, resolved by the caller first (see `prepare`). */
  prepared?: Prepared;
  /** The first attempt's start is already logged in the budget (see `startWithin`): it goes at once. */
  started?: boolean;
}

/** A call's address and key, resolved before anything is recorded: see `HelpCrunchClient.prepare`. */
export interface Prepared {
  url: string;
  origin: string;
  host: string;
  grant: KeyGrant;
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

  /**
   * The address and the key for `path`, read now. A send resolves them before it writes its history
   * row, so that nothing slow (a keychain read, a dialog) stands between the start the budget logs
   * with that row and the request itself.
   */
  async prepare(path: string): Promise<Prepared> {
    const url = `${this.#deps.baseUrl()}${path}`;
    const { origin, host } = new URL(url);
    return { url, origin, host, grant: await this.#deps.apiKey(origin) };
  }

  /**
   * Inside the caller's write transaction on the budget's connection: takes the first attempt's slot
   * and logs its start if both are free now, so they commit with what the caller writes (pass
   * `started` to `call`). False when they are not, or the budget cannot: `call` then waits as usual.
   */
  startWithin(): boolean {
    return this.#deps.budget.startWithin?.() ?? false;
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown, options: CallOptions = {}): Promise<CallResult> {
    const { clock, retry } = this.#deps;
    const { url, origin, host, grant } = options.prepared ?? (await this.prepare(path));
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
      // The first attempt's start may be logged already (with the sender's history row, just now),
      // or its slot held (a job writes its journal first): then the start itself is admitted here,
      // right before the request, so a stall in between never puts N + 1 at the server.
      if (attempt > 1 || !(options.started || options.slotHeld)) await this.#deps.budget.acquire(options.signal, options.priority);
      else if (!options.started) await this.#deps.budget.admit(options.signal);
      const result = await this.#attempt(method, url, host, key, body, options.signal);
      const durationMs = clock.now() - started;
      if (result.kind !== 'response') return { ...result, attempts: attempt, durationMs };
      const answer = tryParseJson(result.bodyText);
      // The one rule: only an answer that provably did not create the event is tried again.
      const retryable = safeToRetry(dispositionOfStatus(result.status, answer));
      const finished = { ...result, body: answer, attempts: attempt, durationMs };
      if (!retryable) return finished;
      const delay = this.#delay(attempt, result.headers);
      if (result.status === 429) this.#deps.budget.pauseUntil(clock.now() + delay);
      const canRetry = (options.retry ?? true) && attempt < retry.maxAttempts && waited + delay <= retry.maxTotalWaitMs;
      if (!canRetry) return finished;
      await clock.sleep(delay, options.signal);
      waited += delay;
    }
  }

  async #attempt(method: string, url: string, host: string, key: string, body: unknown, signal: AbortSignal | undefined) {
    // One controller for the timeout and the caller's signal, its timer cleared once the body is
    // read (cheaper than AbortSignal.timeout + AbortSignal.any, whose timers outlive the request).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, this.#deps.timeoutMs);
    const stop = () => controller.abort(signal?.reason);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    try {
      const response = await this.#deps.fetch(url, {
        method,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        // Never follow a redirect: it would carry the event (and, to the same origin, the key)
        // somewhere the user did not choose. A 3xx comes back as an unexpected answer instead.
        redirect: 'manual',
      });
      const { text, truncated } = await readCappedText(response);
      // History says so where it shows the body.
      const bodyText = redactKey(truncated ? `${text}\n… [Event Desk cut the response here: it was larger than 1 MiB]` : text, key);
      // Response headers cannot be changed: copied only when a Location header must lose the key.
      const location = response.headers.get('location');
      const headers = location === null ? response.headers : new Headers(response.headers);
      if (location !== null) headers.set('location', redactKey(location, key));
      return { kind: 'response' as const, status: response.status, bodyText, headers, host };
    } catch (error) {
      if (timedOut && !signal?.aborted) {
        const seconds = Math.round(this.#deps.timeoutMs / 100) / 10;
        return {
          kind: 'timeout' as const,
          message: `${host} did not answer within ${seconds} s. The event may or may not have been created: check the customer's profile before sending again.`,
        };
      }
      if (signal?.aborted) throw error;
      return { kind: 'network' as const, message: describeNetworkError(error, host), neverSent: provablyUnsent(error) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
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
