import { createCore, type Core, type CoreOptions } from './core/index.ts';
import type { Handlers } from './ipc/dispatch.ts';
import { createIpcHandlers } from './ipc/handlers.ts';

export interface ServiceOptions extends Omit<CoreOptions, 'apiBaseUrl' | 'requestTimeoutMs'> {
  /**
   * The desktop host's environment: HELPCRUNCH_API_URL overrides the API base URL of the launch's account (only),
   * EVENT_DESK_REQUEST_TIMEOUT_MS the 15 s per-attempt timeout (tests shorten it), EVENT_DESK_LANG the
   * window's language (pl, uk or en) for this launch.
   */
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

export interface Services {
  core: Core;
  handlers: Handlers;
  close(): void;
}

/** The desktop host's services: the core plus its IPC handler table. Shared by Electron's main, the e2e bridge and benchmarks. */
export function createServices(options: ServiceOptions): Services {
  const { env, timeoutMs, ...rest } = options;
  const envTimeout = Number(env.EVENT_DESK_REQUEST_TIMEOUT_MS);
  const core = createCore({
    autoDrain: true,
    // The window shows the plan: edits made elsewhere (an editor, git) reach it without a restart.
    watchWorkspace: true,
    ...rest,
    apiBaseUrl: env.HELPCRUNCH_API_URL,
    requestTimeoutMs: timeoutMs ?? (envTimeout > 0 ? envTimeout : undefined),
    // EVENT_DESK_LEASE_MS: a replay job's lease length, as in the CLI (tests shorten it).
    ...(Number(env.EVENT_DESK_LEASE_MS) > 0 ? { leaseMs: Number(env.EVENT_DESK_LEASE_MS) } : {}),
    language: env.EVENT_DESK_LANG,
    // The pseudo-locale is for layout tests: it needs a second variable, so no user meets it by a typo.
    pseudoLocale: env.EVENT_DESK_LANG === 'pseudo' && env.EVENT_DESK_TEST_LOCALES === '1',
  });
  return { core, handlers: createIpcHandlers(core), close: () => core.close() };
}
