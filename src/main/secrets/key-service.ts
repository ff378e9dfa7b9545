import type { KeyStatus } from '../../shared/settings.ts';
import type { AppError } from '../../shared/result.ts';
import { describeKeychainProblem } from './keychain-problem.ts';
import type { SecretStore } from './secret-store.ts';

export class KeychainError extends Error {
  readonly problem: AppError;
  constructor(problem: AppError) {
    super(problem.message);
    this.problem = problem;
  }
}

/**
 * The API key of one profile: in the OS keychain, or (when the user chooses it because the keychain
 * is unusable) in this process's memory for this session only. Never on disk in plain text.
 */
export class KeyService {
  readonly #store: SecretStore;
  readonly #account: string;
  readonly #platform: NodeJS.Platform;
  #sessionKey: string | null = null;
  /** The keychain answer, cached: reading it on every request would cost a D-Bus round trip. */
  #cached: { key: string | null } | undefined;
  /** Why the keychain could not be read, and why it last refused a write; kept apart so a read does not hide a failed save. */
  #readProblem: AppError | null = null;
  #writeProblem: AppError | null = null;

  constructor(store: SecretStore, profile: string, platform: NodeJS.Platform) {
    this.#store = store;
    this.#account = `profile:${profile}`;
    this.#platform = platform;
  }

  /** The key for requests; null when none is set or the keychain cannot be read. */
  async key(): Promise<string | null> {
    if (this.#sessionKey !== null) return this.#sessionKey;
    if (this.#cached) return this.#cached.key;
    try {
      const key = await this.#store.get(this.#account);
      this.#cached = { key };
      this.#readProblem = null;
      return key;
    } catch (error) {
      this.#readProblem = describeKeychainProblem(error, this.#platform);
      return null;
    }
  }

  async status(): Promise<{ key: KeyStatus; problem: AppError | null }> {
    const key = await this.key();
    const state = this.#sessionKey !== null ? 'session' : key !== null ? 'keychain' : 'missing';
    return { key: { state, last4: key === null ? null : key.slice(-4) }, problem: this.#writeProblem ?? this.#readProblem };
  }

  /** Saves to the keychain; throws KeychainError (with a fix) when it cannot. */
  async set(key: string, sessionOnly: boolean): Promise<void> {
    if (sessionOnly) {
      this.#sessionKey = key;
      return;
    }
    try {
      await this.#store.set(this.#account, key);
    } catch (error) {
      this.#writeProblem = describeKeychainProblem(error, this.#platform);
      throw new KeychainError(this.#writeProblem);
    }
    this.#writeProblem = null;
    this.#sessionKey = null;
    this.#cached = { key };
  }

  async remove(): Promise<void> {
    const hadSessionKey = this.#sessionKey !== null;
    this.#sessionKey = null;
    try {
      await this.#store.delete(this.#account);
      this.#cached = { key: null };
      this.#writeProblem = null;
    } catch (error) {
      this.#writeProblem = describeKeychainProblem(error, this.#platform);
      if (!hadSessionKey) throw new KeychainError(this.#writeProblem);
    }
  }
}
