import type { Customer, CustomerPage } from '../../shared/customer.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { HelpCrunchClient } from '../helpcrunch/client.ts';
import { buildSearchRequest, parseCustomerPage } from '../helpcrunch/customer-search.ts';
import type { RateBudget } from '../helpcrunch/rate-budget.ts';
import { errorItems, excerpt } from '../helpcrunch/response-body.ts';

/** How long the renderer should wait before asking again after a 429 when HelpCrunch gives no Retry-After. */
const DEFAULT_RETRY_MS = 2000;

/**
 * Customer search for the picker. Interactive, so it never waits out retries itself: a 429 comes
 * back at once with the wait, and the renderer shows it while it retries. A new search cancels the
 * one still in flight, so typing never queues stale requests against the shared rate budget.
 */
export class CustomerService {
  readonly #client: HelpCrunchClient;
  readonly #budget: RateBudget;
  readonly #seen: (customers: Customer[]) => void;
  #inFlight: AbortController | undefined;

  /** `seen` learns every customer found, so history can show names next to ids. */
  constructor(client: HelpCrunchClient, budget: RateBudget, seen: (customers: Customer[]) => void = () => {}) {
    this.#client = client;
    this.#budget = budget;
    this.#seen = seen;
  }

  async search(query: string): Promise<Result<CustomerPage>> {
    this.#inFlight?.abort(new Error('superseded'));
    const controller = new AbortController();
    this.#inFlight = controller;
    let result;
    try {
      result = await this.#client.call('POST', '/customers/search', buildSearchRequest(query), { retry: false, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return fail('cancelled', 'A newer search replaced this one.');
      throw error;
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
    }
    switch (result.kind) {
      case 'no_key':
        return fail('no_key', result.message);
      case 'network':
      case 'timeout':
        return fail('offline', result.message);
      case 'response':
        break;
    }
    const { status, body, bodyText } = result;
    if (status === 200) {
      const page = parseCustomerPage(body);
      if (page) this.#seen(page.customers);
      return page ? ok(page) : fail('unexpected', `HelpCrunch answered the search with something unexpected: ${excerpt(bodyText)}`);
    }
    if (status === 401) return fail('unauthorized', 'HelpCrunch did not accept the API key (401). Check it in Settings.');
    if (status === 429) {
      const wait = Math.max(this.#budget.waitMs, retryAfterMs(result) ?? DEFAULT_RETRY_MS);
      return fail('rate_limited', `HelpCrunch's rate limit was reached. Retrying in ${Math.ceil(wait / 1000)} s…`, { retryInMs: wait });
    }
    if (status === 400) {
      const detail = errorItems(body).map((item) => `${item.code}: ${item.message}`).join('; ');
      return fail('rejected', `HelpCrunch could not run this search (400${detail ? `: ${detail}` : ''}).`);
    }
    return fail('unexpected', `HelpCrunch answered the search with status ${status}: ${excerpt(bodyText)}`);
  }
}

function retryAfterMs(result: { headers: Headers }): number | null {
  const seconds = Number(result.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}
