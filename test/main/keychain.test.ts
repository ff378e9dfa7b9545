import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeKeychainProblem } from '../../src/main/secrets/keychain-problem.ts';
import { KeyService, KeychainError } from '../../src/main/secrets/key-service.ts';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import type { SecretStore } from '../../src/main/secrets/secret-store.ts';

const run = promisify(execFile);

// npm test runs this inside scripts/with-keyring.sh: a private D-Bus session with GNOME Keyring.
describe('KeytarSecretStore against the real OS keychain', () => {
  const store = new KeytarSecretStore('Event Desk tests');

  it('stores, reads, replaces and deletes a key', async () => {
    const account = `profile:test-${process.pid}`;
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'first-key-1234567890');
    expect(await store.get(account)).toBe('first-key-1234567890');
    await store.set(account, 'second-key-0987654321');
    expect(await store.get(account)).toBe('second-key-0987654321');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps profiles apart', async () => {
    const service = new KeyService(store, `a-${process.pid}`, 'linux');
    const other = new KeyService(store, `b-${process.pid}`, 'linux');
    await service.set('profile-a-key-123456', false);
    expect(await other.key()).toBeNull();
    expect((await service.status()).key).toEqual({ state: 'keychain', last4: '3456' });
    await service.remove();
    expect((await new KeyService(store, `a-${process.pid}`, 'linux').status()).key.state).toBe('missing');
  });

  it('without any Secret Service, keytar fails and the failure is put in words', async () => {
    // A child process with no D-Bus session at all: what a desktop without a keyring looks like.
    const script = `const k = require('keytar'); k.setPassword('Event Desk tests', 'x', 'y').then(() => console.log('stored'), (e) => console.log('ERR ' + e.message));`;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const { stdout } = await run(process.execPath, ['-e', script], { env });
    expect(stdout).toMatch(/^ERR /);
    const problem = describeKeychainProblem(new Error(stdout.slice(4).trim()), 'linux');
    expect(problem.code).toBe('keychain_unavailable');
    expect(problem.message).toContain('cannot be saved');
    expect(problem.hint).toContain('GNOME Keyring');
  });
});

describe('describeKeychainProblem', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain_unavailable', 'No system keychain'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable', 'No system keychain'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain_unavailable', 'no default ("login") keyring'],
    ['Cannot create an item in a locked collection', 'keychain_locked', 'locked'],
  ])('%s', (raw, code, fragment) => {
    const problem = describeKeychainProblem(new Error(raw), 'linux');
    expect(problem.code).toBe(code);
    expect(problem.message).toContain(fragment);
    expect(problem.hint).toBeTruthy();
  });

  it('gives a macOS fix on macOS', () => {
    expect(describeKeychainProblem(new Error('boom'), 'darwin').hint).toContain('Keychain Access');
  });
});

describe('KeyService when the keychain refuses', () => {
  const locked: SecretStore = {
    get: async () => null, // a locked GNOME keyring answers reads with null, silently
    set: async () => {
      throw new Error('Cannot create an item in a locked collection');
    },
    delete: async () => {
      throw new Error('Cannot create an item in a locked collection');
    },
  };

  it('throws a KeychainError with a fix and never keeps the key', async () => {
    const service = new KeyService(locked, 'default', 'linux');
    await expect(service.set('some-key-1234567890', false)).rejects.toBeInstanceOf(KeychainError);
    expect(await service.key()).toBeNull();
    expect((await service.status()).problem?.code).toBe('keychain_locked');
  });

  it('holds a session-only key in memory when the user chooses it', async () => {
    const service = new KeyService(locked, 'default', 'linux');
    await service.set('session-key-1234567890', true);
    expect(await service.key()).toBe('session-key-1234567890');
    expect((await service.status()).key).toEqual({ state: 'session', last4: '7890' });
    await service.remove();
    expect(await service.key()).toBeNull();
  });
});
