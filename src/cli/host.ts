import { createCore, defaultUserDataDir, type Core, type Scope, type SecretStore } from '../main/core/index.ts';
import type { JobEvent } from '../shared/jobs.ts';
import { UsageError } from './exit-codes.ts';
import { chooseKeyStore, type KeySource } from './headless-key.ts';
import type { Terminal } from './terminal.ts';
import { cliFailure } from './words.ts';

/** The flags every command takes; they win over the environment, which wins over defaults. */
export interface GlobalOptions {
  userData?: string;
  apiUrl?: string;
  profile?: string;
  /** Requests per minute for this run's share of the profile's budget (default 120). */
  rate?: string;
  /** The exact name of the production account a sending command may send in (scripts, with --yes). */
  confirmAccount?: string;
  color?: boolean;
  debug?: boolean;
}

export interface CliContext {
  terminal: Terminal;
  env: Record<string, string | undefined>;
  /** Replaces the OS keychain (tests of the CLI's own logic only; subprocess tests use the real one). */
  secretStore?: SecretStore;
  /** Where the last opened core's key comes from: the keychain, HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE. */
  keySource?: KeySource;
  /** Where export progress goes while an export runs. */
  onExportProgress?: (progress: { written: number; total: number }) => void;
  /** Listeners for running jobs' events (the progress display). */
  jobListeners?: Set<(event: JobEvent) => void>;
  /** What the command that ran decided to exit with. */
  exitCode: number;
  /** The production account whose name the person typed at the prompt: its key may go to --api-url. */
  confirmedAccount?: string;
}

/** A commander action that returns its exit code (commander's own actions return nothing). */
export function action<A extends unknown[]>(context: CliContext, run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    context.exitCode = await run(...args);
  };
}

/**
 * The CLI host: reads the environment and the global flags, then builds the same core the app uses
 * (same user-data folder, keychain entry and rate budget). Nothing else in the CLI touches env.
 */
export function openCore(options: GlobalOptions, context: CliContext, extra: { requestsPerMinute?: number } = {}): Core {
  const { env } = context;
  const timeout = Number(env.EVENT_DESK_REQUEST_TIMEOUT_MS);
  const rate = options.rate === undefined ? extra.requestsPerMinute : Number(options.rate);
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= 100_000)) {
    throw new UsageError(`--rate ${options.rate}: give the requests per minute as a whole number from 1 to 100000.`, 'HelpCrunch allows 120 per minute per account.');
  }
  const apiBaseUrl = options.apiUrl ?? env.HELPCRUNCH_API_URL;
  // Before the database opens: a key file others can read fails the run at once, having done nothing.
  const keys = context.secretStore ? { store: context.secretStore, source: 'keychain' as const, headless: null } : chooseKeyStore(env, apiBaseUrl, process.platform);
  context.keySource = keys.source;
  const core = createCore({
    host: 'cli',
    // By name or id; by default the profile used last in the app (or by a CLI run's `profiles use`).
    profile: options.profile,
    userDataDir: options.userData ?? (env.EVENT_DESK_USER_DATA || defaultUserDataDir(process.platform, env)),
    // The override applies to this command's account only (--profile, else the one used last).
    apiBaseUrl,
    secretStore: keys.store,
    ...(timeout > 0 ? { requestTimeoutMs: timeout } : {}),
    // A replay job's lease length (tests shorten it to stall a process past it quickly).
    ...(Number(env.EVENT_DESK_LEASE_MS) > 0 ? { leaseMs: Number(env.EVENT_DESK_LEASE_MS) } : {}),
    ...(rate === undefined ? {} : { requestsPerMinute: rate }),
    // Every send obeys the tracking plan of EVENT_DESK_WORKSPACE when set (plan commands also take --workspace).
    ...(env.EVENT_DESK_WORKSPACE ? { workspaceDir: env.EVENT_DESK_WORKSPACE } : {}),
    // A production account's key goes to --api-url only when the account was named: --confirm-account or the prompt.
    confirmProductionOverride: async ({ account }) => options.confirmAccount === account || context.confirmedAccount === account,
    emit: (push, payload) => {
      if (push === 'export:progress') context.onExportProgress?.(payload as { written: number; total: number });
      if (push === 'job:event') for (const listener of context.jobListeners ?? []) listener(payload as JobEvent);
    },
  });
  // A headless key serves the run's own account only (the one --profile named, else the one used last).
  keys.headless?.serve(core.activeScope().profile);
  return core;
}

/**
 * Opens the core, resolves the command's account once (its scope: everything the command does
 * happens there), runs `work`, and always closes the core (its run leaves the registry cleanly).
 */
export async function withCore<T>(options: GlobalOptions, context: CliContext, work: (core: Core, scope: Scope) => Promise<T>, extra: { requestsPerMinute?: number } = {}): Promise<T> {
  const core = openCore(options, context, extra);
  try {
    for (const notice of core.notices.splice(0)) {
      const { message, hint } = cliFailure(notice);
      context.terminal.warn(hint ? `${message} ${hint}` : message);
    }
    return await work(core, core.activeScope());
  } finally {
    core.close();
  }
}

/** Listens to job events from the core this context opens; returns the way to stop listening. */
export function subscribeJobs(context: CliContext, listener: (event: JobEvent) => void): () => void {
  context.jobListeners ??= new Set();
  context.jobListeners.add(listener);
  return () => context.jobListeners?.delete(listener);
}
