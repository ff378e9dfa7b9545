import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Push, PushPayload } from '../shared/contract.ts';
import { systemClock, type Clock } from './clock.ts';
import { CustomerService } from './customers/customer-service.ts';
import { RecentCustomers } from './customers/recent-customers.ts';
import { HelpCrunchClient, type RetryPolicy } from './helpcrunch/client.ts';
import { RateBudget } from './helpcrunch/rate-budget.ts';
import type { AppError } from '../shared/result.ts';
import { ExportService } from './history/export-service.ts';
import { openHistory } from './history/open-history.ts';
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
  /** Where to save an export (the save dialog in the app); null when the user cancels. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
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
  const notices: AppError[] = [];
  const opened = openHistory(join(options.userDataDir, 'history.sqlite'), new Date(clock.now()));
  const db = opened.db;
  if (opened.recovered) {
    notices.push({
      code: 'history_recovered',
      message: `The history database could not be read (${opened.recovered.reason}). It was moved to ${opened.recovered.movedTo} and a new history was started.`,
    });
  }
  const history = new HistoryRepository(db);
  const interrupted = history.markInterruptedAsUnknown(clock.now());
  if (interrupted > 0) {
    notices.push({ code: 'outcome_unknown', message: `${interrupted} ${interrupted === 1 ? 'send was' : 'sends were'} interrupted when Event Desk last closed. ${interrupted === 1 ? 'It is' : 'They are'} marked "Outcome unknown" in History: check before sending again.` });
  }
  const settings = new SettingsStore(join(options.userDataDir, 'settings.json'), options.env.HELPCRUNCH_API_URL);
  const retentionDays = settings.retentionDays();
  if (retentionDays !== null) {
    const removed = history.deleteOlderThan(profile, clock.now() - retentionDays * 86_400_000);
    if (removed > 0) notices.push({ code: 'retention', message: `${removed} history ${removed === 1 ? 'entry' : 'entries'} older than ${retentionDays} days ${removed === 1 ? 'was' : 'were'} removed (Settings → History).` });
  }
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
  const customers = new CustomerService(client, budget, (found) => history.rememberCustomers(profile, found));
  const recent = new RecentCustomers(db);
  const exports = new ExportService({
    history,
    profile,
    clock,
    chooseSavePath: options.chooseSavePath ?? (async () => null),
    progress: (progress) => options.emit('export:progress', progress),
  });
  const handlers = createHandlers({ profile, keys, settings, client, history, sender, customers, recent, exports, clock, notices });
  return { handlers, close: () => db.close() };
}
