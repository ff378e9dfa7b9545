/**
 * Where API keys are kept. Only the keytar adapter implements it today; keytar is archived, so a
 * switch to Electron safeStorage or @napi-rs/keyring should touch only the adapter.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const SECRET_SERVICE_NAME = 'Event Desk';

/** The keychain account that holds a profile's key: the one naming rule every host uses. */
export function keyAccount(profile: string): string {
  return `profile:${profile}`;
}
