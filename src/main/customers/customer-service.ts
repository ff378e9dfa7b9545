import type { Customer, CustomerPage } from '../../shared/customer.ts';
import type { Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import { classify } from '../helpcrunch/classify.ts';
import type { HelpCrunchClient } from '../helpcrunch/client.ts';
import { buildSearchRequest, parseCustomer, parseCustomerPage } from '../helpcrunch/customer-search.ts';
import type { RateBudget } from '../helpcrunch/rate-budget.ts';
import type { CustomerRepository } from './customer-repository.ts';

/** How long the renderer should wait before asking again after a 429 when HelpCrunch gives no Retry-After. */
const DEFAULT_RETRY_MS = 2000;
/** Customers found by recent searches, kept so a pick can be remembered from main's own copy. */
const FOUND_LIMIT = 1000;

export interface CustomerServiceDeps {
  client: HelpCrunchClient;
  budget: Pick<RateBudget, 'waitMs'>;
  customers: CustomerRepository;
  clock: Clock;
  profile: string;
}

/**
 * Customer search for the picker. Interactive, so it never waits out retries itself: a 429 comes
 * back at once with the wait, and the renderer shows it while it retries. A new search cancels the
 * one still in flight, so typing never queues stale requests against the shared rate budget.
 */
export class CustomerService {
  readonly #deps: CustomerServiceDeps;
  readonly #found = new Map<number, Customer>();
  #inFlight: AbortController | undefined;

  constructor(deps: CustomerServiceDeps) {
    this.#deps = deps;
  }

  async search(query: string): Promise<CustomerPage> {
    const { client, budget, clock, customers, profile } = this.#deps;
    this.#inFlight?.abort(new Error('superseded'));
    const controller = new AbortController();
    this.#inFlight = controller;
    let result;
    try {
      result = await client.call('POST', '/customers/search', buildSearchRequest(query), { retry: false, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw new Failure('cancelled', 'A newer search replaced this one.');
      throw error;
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
    }
    const verdict = classify(result, clock.now());
    switch (verdict.kind) {
      case 'ok': {
        const page = parseCustomerPage(verdict.body);
        if (!page) throw new Failure('unexpected', `HelpCrunch answered the search with something unexpected: ${result.kind === 'response' ? result.bodyText.slice(0, 160) : ''}`, { reason: 'search', params: { status: verdict.status, detail: result.kind === 'response' ? result.bodyText.slice(0, 160) : '' } });
        this.#keep(page.customers);
        customers.rememberKnown(profile, page.customers);
        return page;
      }
      case 'no_key':
        throw new Failure('no_key', verdict.message);
      case 'network':
      case 'timeout':
        throw new Failure('offline', verdict.message);
      case 'unauthorized':
        throw new Failure('unauthorized', 'HelpCrunch did not accept the API key (401). Check it in Settings.');
      case 'rate_limited': {
        const wait = Math.max(budget.waitMs, verdict.retryInMs ?? DEFAULT_RETRY_MS);
        throw new Failure('rate_limited', `HelpCrunch's rate limit was reached. Retrying in ${Math.ceil(wait / 1000)} s…`, { retryInMs: wait, reason: 'search', params: { seconds: Math.ceil(wait / 1000) } });
      }
      case 'rejected':
        if (verdict.status === 400) {
          const detail = verdict.errors.map((item) => `${item.code}: ${item.message}`).join('; ');
          throw new Failure('rejected', `HelpCrunch could not run this search (400${detail ? `: ${detail}` : ''}).`, { reason: 'search', params: { status: 400, detail } });
        }
        throw new Failure('unexpected', `HelpCrunch answered the search with status ${verdict.status}: ${verdict.detail}`, { reason: 'search', params: { status: verdict.status, detail: verdict.detail } });
      case 'not_found':
        throw new Failure('unexpected', `HelpCrunch answered the search with status 404.`, { reason: 'search', params: { status: 404, detail: '' } });
      case 'server_error':
      case 'unexpected':
        throw new Failure('unexpected', `HelpCrunch answered the search with status ${verdict.status}: ${verdict.detail}`, { reason: 'search', params: { status: verdict.status, detail: verdict.detail } });
    }
  }

  /**
   * The customers whose email is exactly `email` (case-insensitive), found through HelpCrunch's
   * search: the CLI's `--customer EMAIL` must name exactly one of them.
   */
  async findByEmail(email: string): Promise<Customer[]> {
    const wanted = email.trim().toLowerCase();
    const page = await this.search(wanted);
    return page.customers.filter((customer) => customer.email?.trim().toLowerCase() === wanted);
  }

  /**
   * Who a customer id is, for templates ({{customer.email}}): from this process's searches, the
   * recent picks, or one GET /customers/{id}. Null when HelpCrunch does not know the id.
   */
  async lookup(id: number): Promise<Customer | null> {
    const { customers, profile, client } = this.#deps;
    const known = this.#found.get(id) ?? customers.recent(profile).find((candidate) => candidate.id === id);
    if (known) return known;
    const result = await client.call('GET', `/customers/${id}`, undefined, { retry: false });
    if (result.kind !== 'response' || result.status !== 200) return null;
    const customer = parseCustomer(result.body);
    if (customer) {
      this.#keep([customer]);
      // History finds this customer's sends by name or email too (the quick log looks them up to send).
      customers.rememberKnown(profile, [customer]);
    }
    return customer;
  }

  /** The customers this account already knows by an email (searches, picks and sends remember them). */
  knownByEmail(email: string): Pick<Customer, 'id' | 'name' | 'email'>[] {
    return this.#deps.customers.knownByEmail(this.#deps.profile, email);
  }

  /** The customers picked last in this profile, offered without a request. */
  recent(): Customer[] {
    return this.#deps.customers.recent(this.#deps.profile);
  }

  /**
   * Remembers a pick. The renderer only names the id: what is stored comes from this process's own
   * search results (or the recent list), never from the renderer's copy.
   */
  remember(id: number): Customer[] {
    const { customers, profile, clock } = this.#deps;
    const customer = this.#found.get(id) ?? customers.recent(profile).find((candidate) => candidate.id === id);
    if (!customer) throw new Failure('not_found', `Customer ${id} was not found by a search in this session: search for them first.`, { reason: 'customer', params: { id } });
    customers.rememberPick(profile, customer, clock.now());
    return customers.recent(profile);
  }

  #keep(found: Customer[]): void {
    for (const customer of found) {
      this.#found.delete(customer.id);
      this.#found.set(customer.id, customer);
    }
    // A Map iterates in insertion order: drop the oldest.
    for (const id of this.#found.keys()) {
      if (this.#found.size <= FOUND_LIMIT) break;
      this.#found.delete(id);
    }
  }
}
