import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Push, PushPayload } from '../../shared/contract.ts';
import { originOf } from '../../shared/settings.ts';
import type { Clock } from '../clock.ts';
import { CustomerRepository } from '../customers/customer-repository.ts';
import { CustomerService } from '../customers/customer-service.ts';
import { HelpCrunchClient, type RetryPolicy } from '../helpcrunch/client.ts';
import { RateBudget } from '../helpcrunch/rate-budget.ts';
import { ExportService } from '../history/export-service.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import type { BackgroundIndexer } from '../history/text-indexer.ts';
import { LibraryService } from '../library/library-service.ts';
import { SavedEventRepository } from '../library/saved-event-repository.ts';
import { OutboxRepository } from '../outbox/outbox-repository.ts';
import { OutboxService } from '../outbox/outbox-service.ts';
import { JobRepository } from '../replay/job-repository.ts';
import { JobRunner } from '../replay/job-runner.ts';
import { JobService } from '../replay/job-service.ts';
import { KeyService } from '../secrets/key-service.ts';
import { keyAccount, type SecretStore } from '../secrets/secret-store.ts';
import { SendService } from '../sending/send-service.ts';
import { SettingsService, type ConfirmKeyOrigin } from '../settings/settings-service.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import type { RunRegistry } from '../storage/run-registry.ts';

/** What every profile context shares: the database and this process's run, clock and host hooks. */
export interface SharedParts {
  db: DatabaseSync;
  userDataDir: string;
  clock: Clock;
  run: RunRegistry;
  history: HistoryRepository;
  indexer: BackgroundIndexer;
  secretStore: SecretStore;
  emit: <P extends Push>(push: P, payload: PushPayload<P>) => void;
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  confirmKeyOrigin: ConfirmKeyOrigin;
  apiBaseUrl: string | undefined;
  requestTimeoutMs: number | undefined;
  /** A rate set for this run (the CLI's --rate), winning over the profile's own. */
  requestsPerMinute: number | undefined;
  fetch: typeof globalThis.fetch;
  platform: NodeJS.Platform;
  retry: RetryPolicy | undefined;
}

/** One HelpCrunch account's services: its key, settings, budget, client, sender, library, jobs and outbox. */
export interface ProfileContext {
  profile: string;
  store: SettingsStore;
  settings: SettingsService;
  client: HelpCrunchClient;
  budget: RateBudget;
  customers: CustomerService;
  sender: SendService;
  exports: ExportService;
  replay: JobService;
  runner: JobRunner;
  library: LibraryService;
  outbox: OutboxService;
}

/** Where a profile's non-secret settings live: the Default profile keeps today's settings.json. */
export function settingsPath(userDataDir: string, profile: string): string {
  return profile === 'default' ? join(userDataDir, 'settings.json') : join(userDataDir, 'profiles', profile, 'settings.json');
}

export function createProfileContext(shared: SharedParts, profile: string, perMinute: number): ProfileContext {
  const { db, clock, run, history, indexer, emit } = shared;
  const store = new SettingsStore(settingsPath(shared.userDataDir, profile), shared.apiBaseUrl);
  const trustedOrigin = store.envBaseUrl ? originOf(store.envBaseUrl) : null;
  const keys = new KeyService(shared.secretStore, keyAccount(profile), shared.platform, trustedOrigin);
  const budget = new RateBudget(db, clock, { perMinute: shared.requestsPerMinute ?? perMinute, profile });
  const client = new HelpCrunchClient({
    fetch: shared.fetch,
    budget,
    clock,
    baseUrl: () => store.baseUrl().value,
    apiKey: (origin) => keys.keyFor(origin),
    ...(shared.requestTimeoutMs === undefined ? {} : { timeoutMs: shared.requestTimeoutMs }),
    ...(shared.retry === undefined ? {} : { retry: shared.retry }),
  });
  const settings = new SettingsService({ profile, settings: store, keys, client, confirmKeyOrigin: shared.confirmKeyOrigin });
  const sender = new SendService({ client, history, clock, profile, runId: run.id, changed: (id) => emit('history:changed', { id }), completed: () => indexer.schedule() });
  const customers = new CustomerService({ client, budget, customers: new CustomerRepository(db), clock, profile });
  const exports = new ExportService({ history, profile, clock, chooseSavePath: shared.chooseSavePath, progress: (progress) => emit('export:progress', progress) });
  const jobs = new JobRepository(db);
  const liveRuns = () => run.liveRunIds();
  const runner = new JobRunner({ jobs, sender, budget, clock, runId: run.id, liveRuns, emit: (event) => emit('job:event', event), historyChanged: () => emit('history:changed', { id: 0 }) });
  const replay = new JobService({ jobs, runner, history, clock, profile, runId: run.id, liveRuns, budgetPerMinute: () => budget.perMinute, changed: () => emit('jobs:changed', {}) });
  const outbox = new OutboxService({ outbox: new OutboxRepository(db), sender, clock, profile, runId: run.id, changed: (count) => emit('outbox:changed', { count }) });
  const library = new LibraryService({ saved: new SavedEventRepository(db), customers, clock, profile });
  return { profile, store, settings, client, budget, customers, sender, exports, replay, runner, library, outbox };
}
