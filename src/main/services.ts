import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Push, PushPayload } from '../shared/contract.ts';
import { systemClock, type Clock } from './clock.ts';
import { CustomerService } from './customers/customer-service.ts';
import { RecentCustomers } from './customers/recent-customers.ts';
import { HelpCrunchClient, type RetryPolicy } from './helpcrunch/client.ts';
import { RateBudget } from './helpcrunch/rate-budget.ts';
import { openDatabase } from './history/database.ts';
import { HistoryRepository } from './history/history-repository.ts';
import { createHandlers } from './ipc/handlers.ts';
import type { Handlers } from './ipc/dispatch.ts';
import { KeyService } from './secrets/key-service.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import { SendService } from './sending/send-service.ts';
import { SettingsStore } from './settings/settings-store.ts';

export interface ServiceOptions {
  userDataDir: string;
  /**
   * HELPCRUNCH_API_URL overrides the API base URL; EVENT_DESK_REQUEST_TIMEOUT_MS the 15 s
   * per-attempt timeout (tests shorten it to exercise timeouts quickly).
   */
  env: Record<string, string | undefined>;
  secretStore: SecretStore;
  emit: <P extends Push>(push: P, payload: PushPayload<P>) => void;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  platform?: NodeJS.Platform;
  requestsPerMinute?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export interface Services {
  handlers: Handlers;
  close(): void;
}

/**
 * Builds every main-process service from its dependencies. Used by Electron's composition root
 * and, unchanged, by the e2e bridge and benchmarks in plain Node: nothing here imports electron.
 */
export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const profile = 'default';
  mkdirSync(options.userDataDir, { recursive: true });
  const db = openDatabase(join(options.userDataDir, 'history.sqlite'));
  const history = new HistoryRepository(db);
  history.markInterruptedAsUnknown(clock.now());
  const settings = new SettingsStore(join(options.userDataDir, 'settings.json'), options.env.HELPCRUNCH_API_URL);
  const keys = new KeyService(options.secretStore, profile, options.platform ?? process.platform);
  const budget = new RateBudget(clock, { perMinute: options.requestsPerMinute ?? 120 });
  const envTimeout = Number(options.env.EVENT_DESK_REQUEST_TIMEOUT_MS);
  const timeoutMs = options.timeoutMs ?? (envTimeout > 0 ? envTimeout : undefined);
  const client = new HelpCrunchClient({
    fetch: options.fetch ?? globalThis.fetch,
    budget,
    clock,
    baseUrl: () => settings.baseUrl().value,
    apiKey: () => keys.key(),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  const sender = new SendService({ client, history, clock, profile, changed: (id) => options.emit('history:changed', { id }) });
  const customers = new CustomerService(client, budget);
  const recent = new RecentCustomers(db);
  const handlers = createHandlers({ profile, keys, settings, client, history, sender, customers, recent, clock });
  return { handlers, close: () => db.close() };
}
