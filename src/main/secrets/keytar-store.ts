import { createRequire } from 'node:module';
import { SECRET_SERVICE_NAME, type SecretStore } from './secret-store.ts';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * The OS keychain through keytar. Never call keytar.findCredentials: on a locked keyring it
 * crashes the whole process (SIGSEGV).
 */
export class KeytarSecretStore implements SecretStore {
  readonly #service: string;
  #keytar: Keytar | undefined;

  constructor(service = SECRET_SERVICE_NAME) {
    this.#service = service;
  }

  get(account: string): Promise<string | null> {
    return this.#load().getPassword(this.#service, account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.#load().setPassword(this.#service, account, secret);
  }

  delete(account: string): Promise<boolean> {
    return this.#load().deletePassword(this.#service, account);
  }

  /** Loaded on first use so a broken native module becomes a keychain problem, not a startup crash. */
  #load(): Keytar {
    this.#keytar ??= createRequire(import.meta.url)('keytar') as Keytar;
    return this.#keytar;
  }
}
