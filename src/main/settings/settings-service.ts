import { originOf, type ConnectionVerdict, type Settings } from '../../shared/settings.ts';
import { testConnection } from '../helpcrunch/connection-test.ts';
import type { HelpCrunchClient } from '../helpcrunch/client.ts';
import type { KeyService } from '../secrets/key-service.ts';
import type { SettingsStore } from './settings-store.ts';

/** What main asks the person (in its own native dialog, never the renderer's) before a key may go to a new origin. */
export type ConfirmKeyOrigin = (request: { keyOrigin: string; newOrigin: string; last4: string | null }) => Promise<boolean>;

export interface SettingsServiceDeps {
  profile: string;
  settings: SettingsStore;
  keys: KeyService;
  client: HelpCrunchClient;
  confirmKeyOrigin: ConfirmKeyOrigin;
}

/** The settings view and every change to it: base URL, key, retention. */
export class SettingsService {
  readonly #deps: SettingsServiceDeps;

  constructor(deps: SettingsServiceDeps) {
    this.#deps = deps;
  }

  /** Where requests go now, as an origin (the key's binding is compared with it). */
  currentOrigin(): string {
    return originOf(this.#deps.settings.baseUrl().value);
  }

  async view(): Promise<Settings> {
    const { profile, settings, keys } = this.#deps;
    const status = await keys.status(this.currentOrigin());
    return { profile, baseUrl: settings.baseUrl(), key: status.key, keychainProblem: status.problem, retentionDays: settings.retentionDays() };
  }

  /**
   * Saves the base URL. When it moves requests to another origin than the key's, main asks the
   * person in its own dialog; without a yes the key stays bound to its origin and is withheld.
   */
  async setBaseUrl(baseUrl: string | null): Promise<Settings> {
    const { settings, keys, confirmKeyOrigin } = this.#deps;
    settings.setBaseUrl(baseUrl);
    const newOrigin = this.currentOrigin();
    const { key } = await keys.status(newOrigin);
    if (key.withheld && key.origin !== null && (await confirmKeyOrigin({ keyOrigin: key.origin, newOrigin, last4: key.last4 }))) {
      await keys.rebind(newOrigin);
    }
    return this.view();
  }

  /** Saves the key for the origin requests go to now. */
  async setKey(key: string, sessionOnly: boolean): Promise<Settings> {
    await this.#deps.keys.set(key, sessionOnly, this.currentOrigin());
    return this.view();
  }

  /** One cheap authenticated request, judged in words. */
  testConnection(): Promise<ConnectionVerdict> {
    return testConnection(this.#deps.client);
  }

  async removeKey(): Promise<Settings> {
    await this.#deps.keys.remove();
    return this.view();
  }

  async setRetention(days: number | null): Promise<Settings> {
    this.#deps.settings.setRetentionDays(days);
    return this.view();
  }
}
