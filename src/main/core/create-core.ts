import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Push, PushPayload } from '../../shared/contract.ts';
import type { AppError } from '../../shared/result.ts';
import { systemClock, type Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import type { RetryPolicy } from '../helpcrunch/client.ts';
import { HistoryRepository } from '../history/history-repository.ts';
import { BackgroundIndexer } from '../history/text-indexer.ts';
import { ShapeLearner } from '../history/shape-learner.ts';
import { createPlanParts, defaultWorkspaceDir, type PlanParts } from '../plan/plan-service.ts';
import type { ConfirmOriginChange } from '../profiles/origin-guard.ts';
import { createProfileContext, type ConfirmProductionOverride, type ProfileContext, type Scope, type SharedParts } from '../profiles/profile-context.ts';
import { ProfileRepository } from '../profiles/profile-repository.ts';
import { LanguageService } from '../language/language-service.ts';
import { ProfileService } from '../profiles/profile-service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { ConfirmKeyOrigin } from '../settings/settings-service.ts';
import { openStorage } from '../storage/open-storage.ts';
import { RunRegistry } from '../storage/run-registry.ts';
import { Checkpointer } from '../storage/checkpointer.ts';
import { FingerprintBackfill } from '../history/fingerprint-backfill.ts';
import { startupMaintenance } from './startup-maintenance.ts';
import { UpdateService, type UpdateServiceDeps } from '../updates/update-service.ts';
import { watchWorkspace, type WorkspaceWatcher } from '../plan/workspace-watcher.ts';
import { SavedFileSync } from '../library/saved-file-sync.ts';
import { SavedEventRepository } from '../library/saved-event-repository.ts';
import { WorkspaceFolders, WorkspaceSetting } from '../plan/workspace-setting.ts';

export interface CoreOptions {
  userDataDir: string;
  secretStore: SecretStore;
  /**
   * HELPCRUNCH_API_URL or --api-url: wins over the saved base URL of the launch's account only (the
   * profile asked for, else the one used last), and its key may go there (the launcher chose it).
   */
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
  /** "Open workspace folder…": main's own folder dialog in the app; null when the user cancels (hosts without one). */
  chooseWorkspaceDir?: () => Promise<string | null>;
  /** Main's own dialog before the key may go to a new origin; hosts without one answer no. */
  confirmKeyOrigin?: ConfirmKeyOrigin;
  /** Main's own dialog before a production account's key goes to the launch's override host; hosts without one answer no. */
  confirmProductionOverride?: ConfirmProductionOverride;
  /** Main's own dialog before an outbox item or job made for one origin is sent to another; hosts without one answer no. */
  confirmOriginChange?: ConfirmOriginChange;
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
  /** How long a replay job's claim holds without renewal (30 s; tests shorten it). */
  leaseMs?: number | undefined;
  /**
   * The tracking plan's workspace folder for this run (--workspace, EVENT_DESK_WORKSPACE): wins over the
   * folder chosen in the app (app_state), which wins over `<userData>/workspace`.
   */
  workspaceDir?: string | undefined;
  /** The launch's language override (EVENT_DESK_LANG); the app's hosts pass it, the CLI stays English. */
  language?: string | undefined;
  /** Layout tests only: the window in the pseudo-locale (LanguageServiceDeps.pseudo). */
  pseudoLocale?: boolean;
  /** The system's language tag (Electron's app.getLocale()); the process's Intl locale by default. */
  systemLocale?: () => string;
  /** How this copy was installed and its updater (the Electron host); without it the app never updates itself. */
  updates?: Pick<UpdateServiceDeps, 'kind' | 'current' | 'updater' | 'releasesUrl'>;
  /** A file the app was asked to open (file association, command line): main keeps its path. */
  openedFile?: { name(): string | null; take(): string | null };
  /** Called when the person chooses another language (the Electron host rebuilds its menu). */
  languageChanged?: () => void;
  /** Watch the workspace folder and re-read the plan when its files change (the app; a CLI run reads it once). */
  watchWorkspace?: boolean;
}

/**
 * The services every host builds on: the Electron app adds IPC and a window, the CLI adds argument
 * parsing. Nothing here is "the active account's": a request resolves a Scope once (scope(id), or
 * activeScope() at its start) and uses it to the end, so a switch never moves a request that has
 * started. Every profile's scope lives on, so jobs and outboxes go on in their own account.
 */
export interface Core {
  readonly clock: Clock;
  readonly history: HistoryRepository;
  readonly shapes: ShapeLearner;
  /** The tracking plan: its workspace, the checker every send asks, and "create from history". */
  readonly plan: PlanParts;
  /** This process's run: its sends are never marked interrupted while it lives. */
  readonly run: RunRegistry;
  readonly profiles: ProfileService;
  /** One account's services, by id (created on first use and kept). */
  scope(id: string): Scope;
  /** The active account's scope, resolved now: hold it for the whole request, never read it again. */
  activeScope(): Scope;
  /** Replay jobs this process runs, in every profile. */
  runningJobs(): number[];
  /** Which file to replay, asked by the host (the app's open dialog). */
  readonly chooseOpenPath: () => Promise<string | null>;
  /** Where to save, asked by the host (the app's save dialog). */
  readonly chooseSavePath: (suggestedName: string) => Promise<string | null>;
  /** Before queued work made for one origin goes to another (the app's own dialog; no elsewhere). */
  readonly confirmOriginChange: ConfirmOriginChange;
  /** Things the user must be told once (history recovered, entries expired, settings reset). */
  readonly notices: AppError[];
  /** Settles once old rows all have fingerprints (filled in the background after start-up). */
  readonly backfilled: Promise<void>;
  /** The window's language (app-wide, not an account's). */
  readonly language: LanguageService;
  /** New versions of the app, by the policy of src/main/updates (app-wide). */
  readonly updates: UpdateService;
  /** The workspace watcher on the current folder (the app's), or null: tests wait for `ready`. A switch replaces it. */
  readonly workspaceWatcher: WorkspaceWatcher | null;
  /** The library's mirror of the workspace's saved/ (the app's; null in a CLI run). */
  readonly savedFiles: SavedFileSync | null;
  /** The workspace folder in use, "Open workspace folder…" and "Use the default folder" (app-wide). */
  readonly workspaceFolders: WorkspaceFolders;
  /** A file the app was asked to open, waiting to be planned as a replay. */
  readonly openedFile: { name(): string | null; take(): string | null };
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
      params: { reason: opened.recovered.reason.slice(0, 500), movedTo: opened.recovered.movedTo },
      message: `The history database could not be read (${opened.recovered.reason}). It was moved to ${opened.recovered.movedTo} and a new history was started.`,
    });
  }
  const history = new HistoryRepository(db);
  const run = new RunRegistry(db, { clock, kind: options.host ?? 'app' });
  const indexer = new BackgroundIndexer(() => history.indexPending());
  const checkpointer = new Checkpointer(db);
  const backfill = new FingerprintBackfill(history, { notify: (message, params) => notices.push({ code: 'history_backfill', message, reason: 'left' in params ? 'progress' : 'done', params }) });
  const chooseSavePath = options.chooseSavePath ?? (async () => null);
  const chooseOpenPath = options.chooseOpenPath ?? (async () => null);
  const profileRepository = new ProfileRepository(db);
  const shapes = new ShapeLearner(db);
  // App-wide, not per account: two accounts share one workspace, as a team does.
  const workspaceSetting = new WorkspaceSetting(profileRepository, options.userDataDir);
  const start = workspaceSetting.startFolder(options.workspaceDir);
  if (start.gone) {
    // The choice stays stored (a drive not mounted yet comes back): this run uses the default folder.
    notices.push({
      code: 'workspace_missing',
      reason: start.gone.problem,
      params: { dir: start.gone.dir.slice(0, 4096), fallback: start.dir },
      message: `The workspace folder ${start.gone.dir} cannot be used (${start.gone.problem.replace('_', ' ')}), so the tracking plan is read from ${start.dir}. Choose the folder again in the Plan view.`,
    });
  }
  const plan = createPlanParts({
    dir: start.dir,
    db,
    shapes,
    clock,
    ...(options.watchWorkspace ? { watch: startWatching } : {}),
    changed: () => emit('plan:changed', {}),
  });
  // Work that follows the plan's files registers here, once, with plan.onChange(…): it then runs after each
  // reload (an edit the watcher saw, a switch of folder) and before the window hears plan:changed.
  // The app mirrors the workspace's saved/ in the library (a CLI run leaves both alone: its --workspace
  // may be a checkout being linted, not the folder the app's library follows).
  const savedFiles = options.watchWorkspace ? new SavedFileSync({ db, saved: new SavedEventRepository(db), workspace: () => plan.workspace, mayCreate: (dir) => resolve(dir) === resolve(defaultWorkspaceDir(options.userDataDir)), now: () => clock.now() }) : null;
  if (savedFiles) plan.onChange(() => savedFiles.sync().then(() => {}));
  const workspaceFolders = new WorkspaceFolders({
    setting: workspaceSetting,
    plan,
    userDataDir: options.userDataDir,
    chooseFolder: options.chooseWorkspaceDir ?? (async () => null),
    source: start.source,
  });
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
    confirmProductionOverride: options.confirmProductionOverride ?? (async () => false),
    accountOf: (id) => profileRepository.get(id),
    requestTimeoutMs: options.requestTimeoutMs,
    requestsPerMinute: options.requestsPerMinute,
    fetch: options.fetch ?? globalThis.fetch,
    platform: options.platform ?? process.platform,
    retry: options.retry,
    leaseMs: options.leaseMs,
    plan: plan.checker,
    planMarks: plan.marks,
  };
  const contexts = new Map<string, ProfileContext>();
  // The launch's override belongs to the launch's account alone; set once the launch account is known.
  let launchProfile: string | undefined;
  const contextFor = (profile: { id: string; perMinute: number }): ProfileContext => {
    let context = contexts.get(profile.id);
    if (!context) {
      context = createProfileContext(shared, profile.id, profile.perMinute, profile.id === launchProfile ? options.apiBaseUrl : undefined);
      for (const problem of context.store.problems) notices.push({ code: 'settings_reset', message: `Settings: ${problem}.` });
      if (options.autoDrain) context.outbox.start();
      contexts.set(profile.id, context);
    }
    return context;
  };
  const close = () => {
    // Twice is fine: an update's install closes first, then the app's quit does it again.
    if (!db.isOpen) return;
    void plan.close();
    for (const context of contexts.values()) context.outbox.stop();
    backfill.stop();
    checkpointer.stop();
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
    launchProfile = (initial ?? profileRepository.get('default') ?? profileRepository.list()[0]!).id;
    profiles = new ProfileService(
      { profiles: profileRepository, clock, userDataDir: options.userDataDir, contextFor, changed: (id) => emit('profile:changed', { id }) },
      launchProfile,
    );
    run.start();
  } catch (error) {
    db.close();
    throw error;
  }
  const scope = (id: string): Scope => {
    const profile = profileRepository.get(id);
    if (!profile) throw new Failure('not_found', `There is no profile "${id}".`);
    return contextFor(profile);
  };
  const shutdown = async () => {
    await Promise.all([...contexts.values()].map((item) => item.runner.pauseAll()));
    close();
  };
  const updates = new UpdateService({
    kind: 'unpackaged',
    current: '',
    updater: () => Promise.reject(new Error('This copy of Event Desk has no updater.')),
    releasesUrl: null,
    ...options.updates,
    store: profileRepository,
    shutdown,
    emit: (status) => emit('app:updates', status),
  });
  const core: Core = {
    clock,
    history,
    shapes,
    plan,
    run,
    profiles,
    scope,
    activeScope: () => contextFor(profiles.active()),
    runningJobs: () => [...contexts.values()].flatMap((item) => item.runner.running),
    chooseOpenPath,
    chooseSavePath,
    confirmOriginChange: options.confirmOriginChange ?? (async () => false),
    notices,
    backfilled: backfill.finished,
    language: new LanguageService({
      store: profileRepository,
      override: options.language,
      pseudo: options.pseudoLocale === true,
      ...(options.languageChanged ? { changed: options.languageChanged } : {}),
      systemLocale: options.systemLocale ?? (() => Intl.DateTimeFormat().resolvedOptions().locale),
    }),
    updates,
    openedFile: options.openedFile ?? { name: () => null, take: () => null },
    savedFiles,
    get workspaceWatcher() {
      return plan.watcher();
    },
    workspaceFolders,
    close,
    shutdown,
  };
  try {
    // Every profile's context exists from the start: their outboxes drain and their retention applies.
    for (const profile of profileRepository.list()) contextFor(profile);
    startupMaintenance(core, contexts);
    // The first sync takes in files pulled while the app was closed; the window's first list waits for it.
    if (savedFiles) void savedFiles.sync().then((report) => (report.added.length + report.updated.length + report.removed.length > 0 ? emit('plan:changed', {}) : undefined), () => {});
    checkpointer.start();
    indexer.schedule();
    backfill.start();
  } catch (error) {
    close();
    throw error;
  }
  return core;
}

/** The app's watcher on a workspace folder; a folder that cannot be watched leaves the 1 s signature check. */
function startWatching(dir: string, changed: () => void): WorkspaceWatcher | null {
  try {
    return watchWorkspace(dir, changed);
  } catch {
    return null;
  }
}
