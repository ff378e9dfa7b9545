import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Push, PushPayload } from '../shared/contract.ts';
import type { AppError } from '../shared/result.ts';
import { systemClock, type Clock } from './clock.ts';
import { Failure } from './failure.ts';
import type { CustomerService } from './customers/customer-service.ts';
import type { HelpCrunchClient, RetryPolicy } from './helpcrunch/client.ts';
import type { RateBudget } from './helpcrunch/rate-budget.ts';
import type { ExportService } from './history/export-service.ts';
import { HistoryRepository } from './history/history-repository.ts';
import { BackgroundIndexer } from './history/text-indexer.ts';
import { ShapeLearner } from './history/shape-learner.ts';
import type { LibraryService } from './library/library-service.ts';
import type { OutboxService } from './outbox/outbox-service.ts';
import { createProfileContext, type ProfileContext, type SharedParts } from './profiles/profile-context.ts';
import { ProfileRepository } from './profiles/profile-repository.ts';
import { ProfileService } from './profiles/profile-service.ts';
import type { JobRunner } from './replay/job-runner.ts';
import type { JobService } from './replay/job-service.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import type { SendService } from './sending/send-service.ts';
import type { ConfirmKeyOrigin, SettingsService } from './settings/settings-service.ts';
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
  /** The profile to work in, by id or name (the CLI's --profile); by default the one used last. */
  profile?: string | undefined;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  platform?: NodeJS.Platform;
  retry?: RetryPolicy;
}

/**
 * The services every host builds on: the Electron app adds IPC and a window, the CLI adds argument
 * parsing. The per-account services (settings, client, sender, jobs…) are those of the active
 * profile; other profiles' contexts live on, so their jobs and outboxes go on when one switches.
 */
export interface Core {
  readonly profile: string;
  readonly clock: Clock;
  readonly settings: SettingsService;
  readonly client: HelpCrunchClient;
  readonly budget: RateBudget;
  readonly history: HistoryRepository;
  readonly shapes: ShapeLearner;
  /** This process's run: its sends are never marked interrupted while it lives. */
  readonly run: RunRegistry;
  readonly customers: CustomerService;
  readonly sender: SendService;
  readonly exports: ExportService;
  readonly replay: JobService;
  readonly library: LibraryService;
  readonly outbox: OutboxService;
  readonly runner: JobRunner;
  readonly profiles: ProfileService;
  /** A profile's services, by id (created on first use and kept). */
  context(id: string): ProfileContext;
  /** Replay jobs this process runs, in every profile. */
  runningJobs(): number[];
  /** Which file to replay, asked by the host (the app's open dialog). */
  readonly chooseOpenPath: () => Promise<string | null>;
  /** Where to save, asked by the host (the app's save dialog). */
  readonly chooseSavePath: (suggestedName: string) => Promise<string | null>;
  /** Things the user must be told once (history recovered, entries expired, settings reset). */
  readonly notices: AppError[];
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
  const emit = options.emit ?? (() => {});
  mkdirSync(options.userDataDir, { recursive: true });
  const notices: AppError[] = [];
  const opened = openStorage(join(options.userDataDir, 'history.sqlite'), new Date(clock.now()));
  const db = opened.db;
  if (opened.recovered) {
    notices.push({
      code: 'history_recovered',
      message: `The history database could not be read (${opened.recovered.reason}). It was moved to ${opened.recovered.movedTo} and a new history was started.`,
    });
  }
  const history = new HistoryRepository(db);
  const run = new RunRegistry(db, { clock, kind: options.host ?? 'app' });
  const indexer = new BackgroundIndexer(() => history.indexPending());
  const chooseSavePath = options.chooseSavePath ?? (async () => null);
  const chooseOpenPath = options.chooseOpenPath ?? (async () => null);
  const shared: SharedParts = {
    db,
    userDataDir: options.userDataDir,
    clock,
    run,
    history,
    indexer,
    secretStore: options.secretStore,
    emit,
    chooseSavePath,
    confirmKeyOrigin: options.confirmKeyOrigin ?? (async () => false),
    apiBaseUrl: options.apiBaseUrl,
    requestTimeoutMs: options.requestTimeoutMs,
    requestsPerMinute: options.requestsPerMinute,
    fetch: options.fetch ?? globalThis.fetch,
    platform: options.platform ?? process.platform,
    retry: options.retry,
  };
  const profileRepository = new ProfileRepository(db);
  const contexts = new Map<string, ProfileContext>();
  const contextFor = (profile: { id: string; perMinute: number }): ProfileContext => {
    let context = contexts.get(profile.id);
    if (!context) {
      context = createProfileContext(shared, profile.id, profile.perMinute);
      for (const problem of context.store.problems) notices.push({ code: 'settings_reset', message: `Settings: ${problem}.` });
      if (options.autoDrain) context.outbox.start();
      contexts.set(profile.id, context);
    }
    return context;
  };
  const close = () => {
    for (const context of contexts.values()) context.outbox.stop();
    indexer.stop();
    run.stop();
    db.close();
  };
  let profiles: ProfileService;
  try {
    // The profile asked for (by id or name), else the one used last, else Default.
    const wanted = options.profile ?? profileRepository.state('last_profile') ?? 'default';
    const initial = profileRepository.get(wanted) ?? profileRepository.byName(wanted);
    if (!initial && options.profile !== undefined) throw new Failure('usage', `There is no profile "${options.profile}".`, { hint: `Profiles: ${profileRepository.list().map((profile) => profile.name).join(', ')}.` });
    profiles = new ProfileService(
      { profiles: profileRepository, clock, userDataDir: options.userDataDir, contextFor, changed: (id) => emit('profile:changed', { id }) },
      (initial ?? profileRepository.get('default') ?? profileRepository.list()[0]!).id,
    );
    run.start();
  } catch (error) {
    db.close();
    throw error;
  }
  const active = () => contextFor(profiles.active());
  const context = (id: string) => {
    const profile = profileRepository.get(id);
    if (!profile) throw new Failure('not_found', `There is no profile "${id}".`);
    return contextFor(profile);
  };
  const shapes = new ShapeLearner(db);
  const core: Core = {
    get profile() {
      return profiles.activeId;
    },
    clock,
    get settings() {
      return active().settings;
    },
    get client() {
      return active().client;
    },
    get budget() {
      return active().budget;
    },
    history,
    shapes,
    run,
    get customers() {
      return active().customers;
    },
    get sender() {
      return active().sender;
    },
    get exports() {
      return active().exports;
    },
    get replay() {
      return active().replay;
    },
    get library() {
      return active().library;
    },
    get outbox() {
      return active().outbox;
    },
    get runner() {
      return active().runner;
    },
    profiles,
    context,
    runningJobs: () => [...contexts.values()].flatMap((item) => item.runner.running),
    chooseOpenPath,
    chooseSavePath,
    notices,
    close,
    shutdown: async () => {
      await Promise.all([...contexts.values()].map((item) => item.runner.pauseAll()));
      close();
    },
  };
  try {
    // Every profile's context exists from the start: their outboxes drain and their retention applies.
    for (const profile of profileRepository.list()) contextFor(profile);
    startupMaintenance(core, contexts);
  } catch (error) {
    close();
    throw error;
  }
  return core;
}

/** Once per start: sends of dead runs, retention and the text index, each said to the user once. */
function startupMaintenance(core: Core, contexts: Map<string, ProfileContext>): void {
  const { history, clock, notices, run } = core;
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
  for (const [profile, context] of contexts) {
    const retentionDays = context.store.retentionDays();
    if (retentionDays === null) continue;
    const removed = history.deleteOlderThan(profile, clock.now() - retentionDays * 86_400_000);
    if (removed > 0) notices.push({ code: 'retention', message: `${removed} history ${removed === 1 ? 'entry' : 'entries'} older than ${retentionDays} days ${removed === 1 ? 'was' : 'were'} removed (Settings → History).` });
  }
  history.indexPending();
  history.backfillFingerprints();
}
