import type { SecretStore } from '../src/main/secrets/secret-store.ts';

/** A keychain stand-in that always holds `key` (null: none) and ignores changes: for benchmarks and tests of other things. */
export function fixedKeyStore(key: string | null): SecretStore {
  return { get: async () => key, set: async () => {}, delete: async () => true };
}

/** A keychain stand-in that keeps what is set, per account, in memory. */
export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
  };
}
