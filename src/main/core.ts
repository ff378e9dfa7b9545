import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Push, PushPayload } from '../shared/contract.ts';
import type { AppError } from '../shared/result.ts';
import { originOf } from '../shared/settings.ts';
import { systemClock, type Clock } from './clock.ts';
import { CustomerRepository } from './customers/customer-repository.ts';
import { CustomerService } from './customers/customer-service.ts';
import { HelpCrunchClient, type RetryPolicy } from './helpcrunch/client.ts';
import { RateBudget } from './helpcrunch/rate-budget.ts';
import { ExportService } from './history/export-service.ts';
import { HistoryRepository } from './history/history-repository.ts';
import { BackgroundIndexer } from './history/text-indexer.ts';
import { ShapeLearner } from './history/shape-learner.ts';
import { KeyService } from './secrets/key-service.ts';
import { keyAccount, type SecretStore } from './secrets/secret-store.ts';
import { SendService } from './sending/send-service.ts';
import { SettingsService, type ConfirmKeyOrigin } from './settings/settings-service.ts';
import { SettingsStore } from './settings/settings-store.ts';
import { LibraryService } from './library/library-service.ts';
import { SavedEventRepository } from './library/saved-event-repository.ts';
import { OutboxRepository } from './outbox/outbox-repository.ts';
import { OutboxService } from './outbox/outbox-service.ts';
import { JobRepository } from './replay/job-repository.ts';
import { JobRunner } from './replay/job-runner.ts';
import { JobService } from './replay/job-service.ts';
import { openStorage } from './storage/open-storage.ts';
import { RunRegistry } from './storage/run-registry.ts';

export interface CoreOptions {
  userDataDir: string;
  secretStore: SecretStore;
  /** HELPCRUNCH_API_URL or --api-url: wins over the saved base URL, and the key may go there (the launcher chose it). */
  apiBaseUrl?: string | undefined;
  /** Per-attempt timeout; 15 s by default. */
  requestTimeoutMs?: number | undefined;
  requestsPerMinute?: number;
  /** Tells the renderer (or nobody, in the CLI) that something changed. */
  emit?: <P extends Push>(push: P, payload: PushPayload<P>) => void;
  /** Where to save an export (the save dialog in the app); null when the user cancels. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Which file to replay (the open dialog in the app); null when the user cancels. */
  chooseOpenPath?: () => Promise<string | null>;
  /** Main's own dialog before the key may go to a new origin; hosts without one answer no. */
  confirmKeyOrigin?: ConfirmKeyOrigin;
  /** Which host this is ("app" or "cli"), recorded with the run for people reading the database. */
  host?: string;
  /** Drain the outbox by itself (the app: yes; a CLI run: only when asked). */
  autoDrain?: boolean;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  platform?: NodeJS.Platform;
  retry?: RetryPolicy;
}

/** The services every host builds on: the Electron app adds IPC and a window, the CLI adds argument parsing. */
export interface Core {
  profile: string;
  clock: Clock;
  settings: SettingsService;
  client: HelpCrunchClient;
  budget: RateBudget;
  history: HistoryRepository;
  shapes: ShapeLearner;
  /** This process's run: its sends are never marked interrupted while it lives. */
  run: RunRegistry;
  customers: CustomerService;
  sender: SendService;
  exports: ExportService;
  replay: JobService;
  library: LibraryService;
  outbox: OutboxService;
  runner: JobRunner;
  /** Which file to replay, asked by the host (the app's open dialog). */
  chooseOpenPath: () => Promise<string | null>;
  /** Where to save, asked by the host (the app's save dialog). */
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  /** Things the user must be told once (history recovered, entries expired, settings reset). */
  notices: AppError[];
  /** Closes the database at once (a running job's in-flight item then ends as "unknown" at the next start). */
  close(): void;
  /** Pauses running jobs (their in-flight items finish), then closes. */
  shutdown(): Promise<void>;
}

/**
 * Builds every service from its dependencies. No Electron, no environment variables, no argv:
 * hosts read those and pass values in, so the app, the CLI, tests and benchmarks run the same code.
 * Opening can throw StartupError (a newer or damaged database that cannot be moved aside).
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const profile = 'default';
  const emit = options.emit ?? (() => {});
  mkdirSync(options.userDataDir, { recursive: true });
  const notices: AppError[] = [];
  const store = new SettingsStore(join(options.userDataDir, 'settings.json'), options.apiBaseUrl);
  const opened = openStorage(join(options.userDataDir, 'history.sqlite'), new Date(clock.now()));
  const db = opened.db;
  if (opened.recovered) {
    notices.push({
      code: 'history_recovered',
      message: `The history database could not be read (${opened.recovered.reason}). It was moved to ${opened.recovered.movedTo} and a new history was started.`,
    });
  }
  for (const problem of store.problems) notices.push({ code: 'settings_reset', message: `Settings: ${problem}.` });
  const history = new HistoryRepository(db);
  const customerRepository = new CustomerRepository(db);
  const run = new RunRegistry(db, { clock, kind: options.host ?? 'app' });
  run.start();
  const indexer = new BackgroundIndexer(() => history.indexPending());
  const trustedOrigin = store.envBaseUrl ? originOf(store.envBaseUrl) : null;
  const keys = new KeyService(options.secretStore, keyAccount(profile), options.platform ?? process.platform, trustedOrigin);
  const budget = new RateBudget(db, clock, { perMinute: options.requestsPerMinute ?? 120, profile });
  const client = new HelpCrunchClient({
    fetch: options.fetch ?? globalThis.fetch,
    budget,
    clock,
    baseUrl: () => store.baseUrl().value,
    apiKey: (origin) => keys.keyFor(origin),
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  const settings = new SettingsService({ profile, settings: store, keys, client, confirmKeyOrigin: options.confirmKeyOrigin ?? (async () => false) });
  const sender = new SendService({ client, history, clock, profile, runId: run.id, changed: (id) => emit('history:changed', { id }), completed: () => indexer.schedule() });
  const customers = new CustomerService({ client, budget, customers: customerRepository, clock, profile });
  const exports = new ExportService({
    history,
    profile,
    clock,
    chooseSavePath: (name) => chooseSavePath(name),
    progress: (progress) => emit('export:progress', progress),
  });
  const jobRepository = new JobRepository(db);
  const liveRuns = () => run.liveRunIds();
  const runner = new JobRunner({
    jobs: jobRepository,
    sender,
    budget,
    clock,
    runId: run.id,
    liveRuns,
    emit: (event) => emit('job:event', event),
    historyChanged: () => emit('history:changed', { id: 0 }),
  });
  const replay = new JobService({ jobs: jobRepository, runner, history, clock, profile, runId: run.id, liveRuns, budgetPerMinute: () => budget.perMinute, changed: () => emit('jobs:changed', {}) });
  const outbox = new OutboxService({ outbox: new OutboxRepository(db), sender, clock, profile, runId: run.id, changed: (count) => emit('outbox:changed', { count }) });
  const library = new LibraryService({ saved: new SavedEventRepository(db), customers, clock, profile });
  const chooseSavePath = options.chooseSavePath ?? (async () => null);
  const chooseOpenPath = options.chooseOpenPath ?? (async () => null);
  const close = () => {
    outbox.stop();
    indexer.stop();
    run.stop();
    db.close();
  };
  const shutdown = async () => {
    await runner.pauseAll();
    close();
  };
  const core: Core = { profile, clock, settings, client, budget, history, run, customers, sender, exports, replay, library, outbox, runner, shapes: new ShapeLearner(db), chooseOpenPath, chooseSavePath, notices, close, shutdown };
  try {
    startupMaintenance(core, store.retentionDays());
  } catch (error) {
    close();
    throw error;
  }
  if (options.autoDrain) outbox.start();
  return core;
}

/** Once per start: sends of dead runs, retention and the text index, each said to the user once. */
function startupMaintenance(core: Core, retentionDays: number | null): void {
  const { history, clock, notices, profile, run } = core;
  const live = run.liveRunIds();
  const interrupted = history.markInterruptedAsUnknown(clock.now(), live);
  const orphans = core.replay.recover();
  const outboxUnknown = core.outbox.recover(live);
  if (outboxUnknown > 0) notices.push({ code: 'outbox_unknown', message: `${outboxUnknown} outbox ${outboxUnknown === 1 ? 'item was' : 'items were'} being sent when Event Desk stopped: marked "Outcome unknown" in the outbox (never resent on their own).` });
  run.forgetDead(live);
  if (orphans.jobs > 0) {
    notices.push({ code: 'job_interrupted', message: `${orphans.jobs} replay ${orphans.jobs === 1 ? 'job was' : 'jobs were'} interrupted when Event Desk last stopped${orphans.items > 0 ? `; ${orphans.items} ${orphans.items === 1 ? 'item was' : 'items were'} in flight and ${orphans.items === 1 ? 'is' : 'are'} marked "Outcome unknown" (never resent on ${orphans.items === 1 ? 'its' : 'their'} own)` : ''}. Open Jobs to resume.` });
  }
  if (interrupted > 0) {
    notices.push({ code: 'outcome_unknown', message: `${interrupted} ${interrupted === 1 ? 'send was' : 'sends were'} interrupted when Event Desk last closed. ${interrupted === 1 ? 'It is' : 'They are'} marked "Outcome unknown" in History: check before sending again.` });
  }
  if (retentionDays !== null) {
    const removed = history.deleteOlderThan(profile, clock.now() - retentionDays * 86_400_000);
    if (removed > 0) notices.push({ code: 'retention', message: `${removed} history ${removed === 1 ? 'entry' : 'entries'} older than ${retentionDays} days ${removed === 1 ? 'was' : 'were'} removed (Settings → History).` });
  }
  history.indexPending();
  history.backfillFingerprints();
}
