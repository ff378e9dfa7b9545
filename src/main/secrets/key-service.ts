import type { KeyStatus } from '../../shared/settings.ts';
import { DEFAULT_BASE_URL, originOf } from '../../shared/settings.ts';
import type { AppError } from '../../shared/result.ts';
import { Failure } from '../failure.ts';
import { describeKeychainProblem } from './keychain-problem.ts';
import type { SecretStore } from './secret-store.ts';

/** The keychain refused; `code` starts with "keychain" and the hint says how to fix it. */
export class KeychainError extends Failure {
  readonly problem: AppError;
  constructor(problem: AppError) {
    super(problem.code, problem.message, problem);
    this.problem = problem;
  }
}

/** What a request to one origin may use: the key, or why it is not sent there. */
export type KeyGrant = { kind: 'key'; key: string } | { kind: 'missing' } | { kind: 'withheld'; boundTo: string };

interface KeyEntry {
  key: string;
  /** The origin the user saved (or confirmed) the key for; the key is sent nowhere else. */
  origin: string;
}

/** Keys saved before origins were recorded were saved for HelpCrunch itself: bind them there. */
const LEGACY_ORIGIN = originOf(DEFAULT_BASE_URL);

/**
 * The API key of one profile: in the OS keychain, or (when the user chooses it because the keychain
 * is unusable) in this process's memory for this session only. Never on disk in plain text.
 *
 * The key is bound to the origin it was saved for, and the binding lives next to the key in the
 * keychain (not in settings.json, which anything that can write the user's files can change): a
 * renderer or a crafted settings file that points the base URL elsewhere gets requests sent
 * without the key until the user re-enters it or confirms the new origin in a dialog main shows.
 */
export class KeyService {
  readonly #store: SecretStore;
  readonly #account: string;
  readonly #platform: NodeJS.Platform;
  /** An origin the person launching the app chose (HELPCRUNCH_API_URL): the key may go there too. */
  readonly #trustedOrigin: string | null;
  #session: KeyEntry | null = null;
  /** The keychain answer, cached: reading it on every request would cost a D-Bus round trip. */
  #cached: { entry: KeyEntry | null } | undefined;
  /** Why the keychain could not be read, and why it last refused a write; kept apart so a read does not hide a failed save. */
  #readProblem: AppError | null = null;
  #writeProblem: AppError | null = null;

  constructor(store: SecretStore, account: string, platform: NodeJS.Platform, trustedOrigin: string | null = null) {
    this.#store = store;
    this.#account = account;
    this.#platform = platform;
    this.#trustedOrigin = trustedOrigin;
  }

  /** The key, if it may be sent to `origin`. */
  async keyFor(origin: string): Promise<KeyGrant> {
    const entry = await this.#entry();
    if (entry === null) return { kind: 'missing' };
    if (entry.origin === origin || origin === this.#trustedOrigin) return { kind: 'key', key: entry.key };
    return { kind: 'withheld', boundTo: entry.origin };
  }

  async status(currentOrigin: string): Promise<{ key: KeyStatus; problem: AppError | null }> {
    const entry = await this.#entry();
    const state = this.#session !== null ? 'session' : entry !== null ? 'keychain' : 'missing';
    const withheld = entry !== null && entry.origin !== currentOrigin && currentOrigin !== this.#trustedOrigin;
    return {
      key: { state, last4: entry === null ? null : entry.key.slice(-4), origin: entry?.origin ?? null, withheld },
      problem: this.#writeProblem ?? this.#readProblem,
    };
  }

  /** Saves the key for `origin`; throws KeychainError (with a fix) when the keychain refuses. */
  async set(key: string, sessionOnly: boolean, origin: string): Promise<void> {
    const entry = { key, origin };
    if (sessionOnly) {
      this.#session = entry;
      return;
    }
    await this.#write(entry);
    this.#session = null;
  }

  /** The user confirmed (in main's own dialog) that the key may go to `origin`. */
  async rebind(origin: string): Promise<void> {
    if (this.#session !== null) {
      this.#session = { ...this.#session, origin };
      return;
    }
    const entry = await this.#entry();
    if (entry !== null) await this.#write({ ...entry, origin });
  }

  async remove(): Promise<void> {
    const hadSessionKey = this.#session !== null;
    this.#session = null;
    try {
      await this.#store.delete(this.#account);
      this.#cached = { entry: null };
      this.#writeProblem = null;
    } catch (error) {
      this.#writeProblem = describeKeychainProblem(error, this.#platform);
      if (!hadSessionKey) throw new KeychainError(this.#writeProblem);
    }
  }

  async #entry(): Promise<KeyEntry | null> {
    if (this.#session !== null) return this.#session;
    if (this.#cached) return this.#cached.entry;
    try {
      const entry = decode(await this.#store.get(this.#account));
      this.#cached = { entry };
      this.#readProblem = null;
      return entry;
    } catch (error) {
      this.#readProblem = describeKeychainProblem(error, this.#platform);
      return null;
    }
  }

  async #write(entry: KeyEntry): Promise<void> {
    try {
      await this.#store.set(this.#account, JSON.stringify({ v: 1, ...entry }));
    } catch (error) {
      this.#writeProblem = describeKeychainProblem(error, this.#platform);
      throw new KeychainError(this.#writeProblem);
    }
    this.#writeProblem = null;
    this.#cached = { entry };
  }
}

/** `{"v":1,"key","origin"}`, or a bare key saved by an earlier version (bound to HelpCrunch). */
function decode(secret: string | null): KeyEntry | null {
  if (secret === null) return null;
  if (secret.startsWith('{')) {
    try {
      const parsed = JSON.parse(secret) as { key?: unknown; origin?: unknown };
      if (typeof parsed.key === 'string' && typeof parsed.origin === 'string') return { key: parsed.key, origin: parsed.origin };
    } catch {
      // Not our JSON: treat it as a bare key below.
    }
  }
  return { key: secret, origin: LEGACY_ORIGIN };
}
