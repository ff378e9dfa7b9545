import type { Page } from '@playwright/test';
import { KeytarSecretStore, type SecretStore } from '../../src/main/core/index.ts';
import { registerHandlers } from '../../src/main/ipc/dispatch.ts';
import { createServices, type Services } from '../../src/main/services.ts';
import { OpenedFiles, replayFileFromArgv } from '../../src/main/electron/opened-files.ts';
import { buildApi } from '../../src/shared/api-surface.ts';
import { channelNames } from '../../src/shared/channels.ts';

/** What Playwright tells a binding about its caller: the page and frame the call came from. */
type BindingSource = Parameters<Parameters<Page['exposeBinding']>[1]>[0];

/**
 * keytar in this test process stays bound to the D-Bus session it first connected to, so the
 * "no keychain" case cannot be produced per test here; this store fails with libsecret's own words
 * instead. (The real failure is unit-tested in test/main/keychain.test.ts, and in Electron mode
 * the app is really launched without a D-Bus session.)
 */
class NoSecretService implements SecretStore {
  static readonly message = 'The name org.freedesktop.secrets was not provided by any .service files';
  get(): Promise<string | null> {
    return Promise.reject(new Error(NoSecretService.message));
  }
  set(): Promise<void> {
    return Promise.reject(new Error(NoSecretService.message));
  }
  delete(): Promise<boolean> {
    return Promise.reject(new Error(NoSecretService.message));
  }
}

export interface BridgeOptions {
  userDataDir: string;
  /** HELPCRUNCH_API_URL for this launch; undefined launches without it (the URL comes from settings). */
  apiBaseUrl: string | undefined;
  keychainService: string;
  rendererUrl: string;
  /** Extra main-process environment, as the Electron mode passes it to the app. */
  env: Record<string, string>;
  /** Simulates a desktop without a usable keychain (see fixtures.ts). */
  keychain: 'available' | 'unavailable';
  /** Where "Export" saves (the save dialog's answer); null = the user cancelled it. */
  exportPath?: string | null;
  /** Replaces the keychain entirely (benchmarks, which measure other things). */
  secretStore?: SecretStore;
  /** What main's own "send the key to a new address?" dialog answers (default: keep it). */
  confirmKeyOrigin?: boolean;
  /** What the "replay from a file" open dialog answers; null = cancelled. */
  openPath?: () => string | null;
  /** What the "Open workspace folder…" dialog answers; null = cancelled. */
  workspacePath?: () => string | null;
  /** The launch's command-line arguments after the app's own (a file to open), read as main reads them. */
  launchArgv?: string[];
  /** What main's own "send a production key to the override host?" dialog answers (default: don't). */
  confirmProductionOverride?: boolean;
  /** What main's own "send it to the new address?" dialog answers for outbox items and jobs (default: keep waiting). */
  confirmOriginChange?: boolean;
}

/**
 * Gives a plain Chromium page the same window.api the preload builds, backed by the real main
 * process services running in this test process. Only Electron's IPC transport is replaced: the
 * handler table, its input parsing and the sender check are the app's own.
 */
export async function bridgeApi(page: Page, options: BridgeOptions): Promise<Services> {
  let announce: (name: string) => void = () => {};
  const openedFile = new OpenedFiles((name) => announce(name));
  openedFile.offer(replayFileFromArgv(['event-desk-app', ...(options.launchArgv ?? [])], process.cwd()));
  const services = createServices({
    openedFile,
    userDataDir: options.userDataDir,
    env: { ...options.env, ...(options.apiBaseUrl ? { HELPCRUNCH_API_URL: options.apiBaseUrl } : {}) },
    secretStore: options.secretStore ?? (options.keychain === 'available' ? new KeytarSecretStore(options.keychainService) : new NoSecretService()),
    chooseSavePath: async () => options.exportPath ?? null,
    confirmKeyOrigin: async () => options.confirmKeyOrigin ?? false,
    confirmProductionOverride: async () => options.confirmProductionOverride ?? false,
    confirmOriginChange: async () => options.confirmOriginChange ?? false,
    chooseOpenPath: async () => options.openPath?.() ?? null,
    chooseWorkspaceDir: async () => options.workspacePath?.() ?? null,
    emit: (push, payload) => {
      page.evaluate(([name, data]) => (window as unknown as { __eventDeskPush?: (n: string, d: unknown) => void }).__eventDeskPush?.(name, data), [push, payload] as const).catch(() => {
        // The page may be closing; a lost refresh notice is harmless there.
      });
    },
  });
  // A later file (a second launch handing over its argv) is announced like main's push.
  announce = (name) => void page.evaluate((data) => (window as unknown as { __eventDeskPush?: (n: string, d: unknown) => void }).__eventDeskPush?.('app:fileOpened', data), { name }).catch(() => {});
  const listeners = new Map<string, (source: BindingSource, input: unknown) => Promise<unknown>>();
  registerHandlers<BindingSource>({ handle: (channel, listener) => listeners.set(channel, listener) }, services.handlers, (source) =>
    source.frame.url().startsWith(options.rendererUrl),
  );
  await page.exposeBinding('__eventDeskInvoke', (source, channel: string, input: unknown) => {
    const listener = listeners.get(channel);
    return listener ? listener(source, input) : { ok: false, error: { code: 'unknown_channel', message: channel } };
  });
  await page.addInitScript({
    content: `(() => {
      const listeners = new Map();
      window.__eventDeskPush = (name, payload) => { for (const listener of listeners.get(name) ?? []) listener(payload); };
      const subscribe = (name, listener) => {
        if (!listeners.has(name)) listeners.set(name, new Set());
        listeners.get(name).add(listener);
        return () => listeners.get(name).delete(listener);
      };
      window.api = (${buildApi.toString()})(${JSON.stringify(channelNames)}, (channel, input) => window.__eventDeskInvoke(channel, input), subscribe);
    })();`,
  });
  return services;
}
