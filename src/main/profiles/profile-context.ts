import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Push, PushPayload } from '../../shared/contract.ts';
import type { Profile } from '../../shared/profiles.ts';
import { originOf } from '../../shared/settings.ts';
import type { Clock } from '../clock.ts';
import { CustomerRepository } from '../customers/customer-repository.ts';
import { CustomerService } from '../customers/customer-service.ts';
import { HelpCrunchClient, type RetryPolicy } from '../helpcrunch/client.ts';
import type { KeyGrant } from '../secrets/key-service.ts';
import { RateBudget } from '../helpcrunch/rate-budget.ts';
import { ExportService } from '../history/export-service.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import type { BackgroundIndexer } from '../history/text-indexer.ts';
import { LibraryService } from '../library/library-service.ts';
import { SavedEventRepository } from '../library/saved-event-repository.ts';
import { OutboxRepository } from '../outbox/outbox-repository.ts';
import { OutboxService } from '../outbox/outbox-service.ts';
import { JobLeases } from '../replay/job-lease.ts';
import { JobRepository } from '../replay/job-repository.ts';
import { JobRunner } from '../replay/job-runner.ts';
import { JobService } from '../replay/job-service.ts';
import { KeyService } from '../secrets/key-service.ts';
import { keyAccount, type SecretStore } from '../secrets/secret-store.ts';
import { SendService } from '../sending/send-service.ts';
import { SettingsService, type ConfirmKeyOrigin } from '../settings/settings-service.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import type { RunRegistry } from '../storage/run-registry.ts';
import type { PlanChecker } from '../plan/plan-checker.ts';
import type { PlanMarks } from '../plan/plan-marks.ts';
import { OriginGuard } from './origin-guard.ts';

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
  /** Main's own question before a production account's key goes to this launch's override host. */
  confirmProductionOverride: ConfirmProductionOverride;
  /** A profile as it is now (its name and production flag can change while the process runs). */
  accountOf: (id: string) => Profile | null;
  requestTimeoutMs: number | undefined;
  /** A rate set for this run (the CLI's --rate), winning over the profile's own. */
  requestsPerMinute: number | undefined;
  fetch: typeof globalThis.fetch;
  platform: NodeJS.Platform;
  retry: RetryPolicy | undefined;
  /** How long a job's claim holds without renewal (JobLeases; short in tests). */
  leaseMs: number | undefined;
  /** The tracking plan every account's sends obey (one workspace, app-wide). */
  plan?: PlanChecker | undefined;
  /** Where the plan's verdicts on sends are kept (warned sends, refused ones). */
  planMarks?: PlanMarks | undefined;
}

/** Asked once per launch: may a production account's key go to the override host? */
export type ConfirmProductionOverride = (request: { account: string; origin: string; own: string }) => Promise<boolean>;

/**
 * One HelpCrunch account's services: its key, settings, budget, client, sender, library, jobs and
 * outbox. A request resolves its scope once and uses it to the end, however long it awaits: a
 * switch of the active account never moves a request that has started.
 */
export interface ProfileContext {
  readonly profile: string;
  /** The account's record as it is now (name, production flag). */
  account(): Profile;
  /** Where its queued work was made for, against where it points now. */
  origins: OriginGuard;
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

/** What hosts hold for the length of one request (an IPC call, a CLI command): one account's services. */
export type Scope = Readonly<ProfileContext>;

/** Where a profile's non-secret settings live: the Default profile keeps today's settings.json. */
export function settingsPath(userDataDir: string, profile: string): string {
  return profile === 'default' ? join(userDataDir, 'settings.json') : join(userDataDir, 'profiles', profile, 'settings.json');
}

/**
 * Builds one account's services. `override` is this launch's base URL (HELPCRUNCH_API_URL,
 * --api-url), given only to the account of that launch: every other account keeps its own.
 */
export function createProfileContext(shared: SharedParts, profile: string, perMinute: number, override: string | undefined): ProfileContext {
  const { db, clock, run, history, indexer, emit } = shared;
  const account = () => shared.accountOf(profile) ?? { id: profile, name: profile, perMinute, colour: '', production: false };
  const store = new SettingsStore(settingsPath(shared.userDataDir, profile), override);
  const trustedOrigin = store.envBaseUrl ? originOf(store.envBaseUrl) : null;
  const keys = new KeyService(shared.secretStore, keyAccount(profile), shared.platform, trustedOrigin);
  const budget = new RateBudget(db, clock, { perMinute: shared.requestsPerMinute ?? perMinute, profile });
  // A production account's key goes to the launch's override host only after an explicit yes (asked once).
  let overrideAnswer: Promise<boolean> | undefined;
  const apiKey = async (origin: string): Promise<KeyGrant> => {
    if (origin === trustedOrigin && account().production) {
      const own = originOf(store.ownBaseUrl());
      overrideAnswer ??= shared.confirmProductionOverride({ account: account().name, origin, own }).catch(() => false);
      if (!(await overrideAnswer)) return { kind: 'withheld', boundTo: own };
    }
    return keys.keyFor(origin);
  };
  const client = new HelpCrunchClient({
    fetch: shared.fetch,
    budget,
    clock,
    baseUrl: () => store.baseUrl().value,
    apiKey,
    ...(shared.requestTimeoutMs === undefined ? {} : { timeoutMs: shared.requestTimeoutMs }),
    ...(shared.retry === undefined ? {} : { retry: shared.retry }),
  });
  const settings = new SettingsService({ profile, settings: store, keys, client, confirmKeyOrigin: shared.confirmKeyOrigin });
  const sender = new SendService({ client, history, clock, profile, runId: run.id, changed: (id) => emit('history:changed', { id }), completed: () => indexer.schedule(), ...(shared.plan ? { plan: shared.plan } : {}), ...(shared.planMarks ? { planMarks: shared.planMarks } : {}) });
  const customers = new CustomerService({ client, budget, customers: new CustomerRepository(db), clock, profile });
  const exports = new ExportService({ history, profile, clock, db, chooseSavePath: shared.chooseSavePath, progress: (progress) => emit('export:progress', progress) });
  const currentOrigin = () => originOf(store.baseUrl().value);
  const leases = new JobLeases(db, run, clock, shared.leaseMs);
  const jobs = new JobRepository(db, currentOrigin, (owner, until) => leases.holderOf(owner, until));
  const outboxRepository = new OutboxRepository(db, currentOrigin);
  // Before anything drains or resumes: work queued by a release that did not record origins was made
  // for the account's own address, so a launch override (HELPCRUNCH_API_URL, --api-url) never takes it.
  const ownOrigin = originOf(store.ownBaseUrl());
  outboxRepository.adoptLegacyOrigins(profile, ownOrigin);
  jobs.adoptLegacyOrigins(profile, ownOrigin);
  const liveRuns = () => run.liveRunIds();
  const runner = new JobRunner({ jobs, sender, budget, clock, leases, emit: (event) => emit('job:event', event), historyChanged: () => emit('history:changed', { id: 0 }) });
  const replay = new JobService({ jobs, runner, history, clock, profile, runId: run.id, liveRuns, presentRuns: () => run.presentRunIds(), budgetPerMinute: () => budget.perMinute, changed: () => emit('jobs:changed', {}), plan: shared.plan });
  const outbox = new OutboxService({ outbox: outboxRepository, sender, history, clock, profile, runId: run.id, changed: (count) => emit('outbox:changed', { count }) });
  const library = new LibraryService({ saved: new SavedEventRepository(db), customers, clock, profile });
  const origins = new OriginGuard({ profile, current: currentOrigin, outbox: outboxRepository, jobs, now: () => clock.now() });
  return { profile, account, origins, store, settings, client, budget, customers, sender, exports, replay, runner, library, outbox };
}
