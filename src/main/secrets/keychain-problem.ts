import type { AppError } from '../../shared/result.ts';

/** Translates keytar's errors (see shared/toolchain.md for the texts) into what the user can do. */
export function describeKeychainProblem(error: unknown, platform: NodeJS.Platform): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  const { fix, hint } = fixFor(raw, platform);
  // reason and params.fix let the window say the same in its language (error-words.ts); raw is the system's own text.
  if (/locked collection/i.test(raw)) {
    return { code: 'keychain_locked', message: 'The system keychain is locked, so the API key cannot be saved.', hint, reason: 'locked', params: { fix } };
  }
  if (/org\.freedesktop\.secrets|autolaunch D-Bus|DBus|D-Bus|Could not connect/i.test(raw)) {
    return { code: 'keychain_unavailable', message: 'No system keychain (Secret Service) is running, so the API key cannot be saved.', hint, reason: 'no_service', params: { fix } };
  }
  if (/does not exist at path/i.test(raw)) {
    return { code: 'keychain_unavailable', message: 'The system keychain has no default ("login") keyring yet, so the API key cannot be saved.', hint, reason: 'no_keyring', params: { fix } };
  }
  if (/Cannot find module|keytar\.node|invalid ELF|NODE_MODULE_VERSION/i.test(raw)) {
    return { code: 'keychain_unavailable', message: 'Event Desk could not load its keychain module, so the API key cannot be saved.', hint: 'Reinstall Event Desk (npm ci rebuilds the native module).', reason: 'no_module', params: { fix: 'reinstall' } };
  }
  return { code: 'keychain_unavailable', message: `The system keychain refused the request: ${raw}`, hint, reason: 'refused', params: { fix, detail: raw.slice(0, 500) } };
}

function fixFor(raw: string, platform: NodeJS.Platform): { fix: string; hint: string } {
  if (platform === 'darwin') return { fix: 'mac', hint: 'Open Keychain Access, unlock the "login" keychain, then try again.' };
  if (platform === 'win32') return { fix: 'windows', hint: 'Windows Credential Manager refused the request. Sign out and in again, then try again.' };
  if (/locked collection/i.test(raw)) return { fix: 'unlock', hint: 'Unlock the "Login" keyring (Seahorse: "Passwords and Keys", or log in again), then try again.' };
  return { fix: 'install', hint: 'Install and start a Secret Service such as GNOME Keyring (package gnome-keyring) or KWallet, make sure it has an unlocked default keyring, then try again.' };
}
