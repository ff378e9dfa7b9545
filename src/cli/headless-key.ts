import { HeadlessSecretStore, KeytarSecretStore, readKeyFile, type SecretStore } from '../main/core/index.ts';
import { firstMessage } from '../shared/event.ts';
import { apiKeySchema, DEFAULT_BASE_URL, originOf } from '../shared/settings.ts';
import { UsageError } from './exit-codes.ts';

/** Where this run's key comes from, as `event-desk key status` says it. */
export type KeySource = 'keychain' | 'environment' | 'file';

export const KEY_SOURCE_WORDS: Record<KeySource, string> = {
  keychain: 'the system keychain',
  environment: 'the environment variable HELPCRUNCH_API_KEY',
  file: 'the key file named by HELPCRUNCH_API_KEY_FILE',
};

export interface KeyChoice {
  store: SecretStore;
  source: KeySource;
  /** Set when the key is headless: the host tells it the run's account once the core has resolved it. */
  headless: HeadlessSecretStore | null;
}

/**
 * The key store for one CLI run. HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE (servers, containers,
 * CI: no keychain there) win over the keychain, which is then never touched, so a run with no D-Bus
 * at all works. The key is bound to the run's API URL (--api-url, HELPCRUNCH_API_URL, else
 * HelpCrunch's own), never to a base URL read from settings.json, which anyone who can write the
 * user-data volume could point elsewhere. Nothing here prints or keeps the key.
 */
export function chooseKeyStore(env: Record<string, string | undefined>, apiUrl: string | undefined, platform: NodeJS.Platform): KeyChoice {
  const fromVariable = env.HELPCRUNCH_API_KEY || undefined;
  const file = env.HELPCRUNCH_API_KEY_FILE || undefined;
  if (fromVariable === undefined && file === undefined) return { store: new KeytarSecretStore(env.EVENT_DESK_KEYCHAIN_SERVICE || undefined), source: 'keychain', headless: null };
  if (fromVariable !== undefined && file !== undefined) {
    throw new UsageError('Both HELPCRUNCH_API_KEY and HELPCRUNCH_API_KEY_FILE are set; Event Desk will not guess which key to use.', 'Unset one of them.');
  }
  const source = file === undefined ? 'environment' : 'file';
  const name = source === 'file' ? `the key file ${file}` : 'HELPCRUNCH_API_KEY';
  const parsed = apiKeySchema.safeParse(file === undefined ? fromVariable : readKeyFile(file, platform));
  // The schema's words name a position and a character class, never the key itself.
  if (!parsed.success) throw new UsageError(`The API key in ${name} is not a HelpCrunch API key: ${firstMessage(parsed.error)}`, 'Copy the key again from HelpCrunch: Settings → Developers → Public API.');
  let origin: string;
  try {
    origin = originOf(apiUrl || DEFAULT_BASE_URL);
  } catch {
    throw new UsageError(`The API URL ${apiUrl} is not a URL, so ${name}'s key cannot be bound to it.`, 'Give the full address, e.g. https://api.helpcrunch.com/v1.');
  }
  const headless = new HeadlessSecretStore(parsed.data, origin, source);
  return { store: headless, source, headless };
}

/** The variable that gives this run a headless key, if one does. */
export function headlessVariable(env: Record<string, string | undefined>): string | null {
  if (env.HELPCRUNCH_API_KEY) return 'HELPCRUNCH_API_KEY';
  if (env.HELPCRUNCH_API_KEY_FILE) return 'HELPCRUNCH_API_KEY_FILE';
  return null;
}

/** `key set` and `key remove` act on the keychain, which a run with a headless key never touches. */
export function refuseWithHeadlessKey(env: Record<string, string | undefined>, what: string): void {
  const variable = headlessVariable(env);
  if (variable === null) return;
  throw new UsageError(`${variable} gives this run its API key, so ${what} would not change the key it uses; nothing was changed.`, `Unset ${variable} to work with the system keychain; the variable's key is never saved anywhere.`);
}
