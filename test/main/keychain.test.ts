import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeKeychainProblem } from '../../src/main/secrets/keychain-problem.ts';
import { KeyService, KeychainError } from '../../src/main/secrets/key-service.ts';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import type { SecretStore } from '../../src/main/secrets/secret-store.ts';

const run = promisify(execFile);

// npm test runs this inside scripts/with-keyring.sh: a private D-Bus session with GNOME Keyring.
const HELPCRUNCH = 'https://api.helpcrunch.com';

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
    await service.set('profile-a-key-123456', false, HELPCRUNCH);
    expect(await other.keyFor(HELPCRUNCH)).toEqual({ kind: 'missing' });
    expect((await service.status(HELPCRUNCH)).key).toEqual({ state: 'keychain', last4: '3456', origin: HELPCRUNCH, withheld: false });
    // A new process reads the key and its origin back from the real keychain.
    expect(await new KeyService(store, `a-${process.pid}`, 'linux').keyFor(HELPCRUNCH)).toEqual({ kind: 'key', key: 'profile-a-key-123456' });
    await service.remove();
    expect((await new KeyService(store, `a-${process.pid}`, 'linux').status(HELPCRUNCH)).key.state).toBe('missing');
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
    await expect(service.set('some-key-1234567890', false, HELPCRUNCH)).rejects.toBeInstanceOf(KeychainError);
    expect(await service.keyFor(HELPCRUNCH)).toEqual({ kind: 'missing' });
    expect((await service.status(HELPCRUNCH)).problem?.code).toBe('keychain_locked');
  });

  it('holds a session-only key in memory when the user chooses it', async () => {
    const service = new KeyService(locked, 'default', 'linux');
    await service.set('session-key-1234567890', true, HELPCRUNCH);
    expect(await service.keyFor(HELPCRUNCH)).toEqual({ kind: 'key', key: 'session-key-1234567890' });
    expect((await service.status(HELPCRUNCH)).key).toEqual({ state: 'session', last4: '7890', origin: HELPCRUNCH, withheld: false });
    await service.remove();
    expect(await service.keyFor(HELPCRUNCH)).toEqual({ kind: 'missing' });
  });
});

describe('the key is bound to the origin it was saved for', () => {
  function memoryStore(initial: string | null = null): SecretStore & { value: string | null } {
    const store = {
      value: initial,
      get: async () => store.value,
      set: async (_account: string, secret: string) => void (store.value = secret),
      delete: async () => ((store.value = null), true),
    };
    return store;
  }

  it('is withheld from any other origin, a different loopback port included', async () => {
    const service = new KeyService(memoryStore(), 'default', 'linux');
    await service.set('bound-key-1234567890', false, 'http://127.0.0.1:4010');
    expect(await service.keyFor('http://127.0.0.1:4010')).toEqual({ kind: 'key', key: 'bound-key-1234567890' });
    expect(await service.keyFor('http://127.0.0.1:4011')).toEqual({ kind: 'withheld', boundTo: 'http://127.0.0.1:4010' });
    expect(await service.keyFor('https://evil.example')).toEqual({ kind: 'withheld', boundTo: 'http://127.0.0.1:4010' });
    expect((await service.status('https://evil.example')).key.withheld).toBe(true);
  });

  it('the origin is stored in the keychain next to the key, not in a file', async () => {
    const store = memoryStore();
    await new KeyService(store, 'default', 'linux').set('bound-key-1234567890', false, HELPCRUNCH);
    expect(JSON.parse(store.value!)).toEqual({ v: 1, key: 'bound-key-1234567890', origin: HELPCRUNCH });
  });

  it('a key saved by an earlier version (bare) is bound to HelpCrunch itself', async () => {
    const service = new KeyService(memoryStore('legacy-key-1234567890'), 'default', 'linux');
    expect(await service.keyFor(HELPCRUNCH)).toEqual({ kind: 'key', key: 'legacy-key-1234567890' });
    expect((await service.keyFor('https://evil.example')).kind).toBe('withheld');
  });

  it('HELPCRUNCH_API_URL counts as the launcher\'s choice', async () => {
    const service = new KeyService(memoryStore('legacy-key-1234567890'), 'default', 'linux', 'http://127.0.0.1:4010');
    expect(await service.keyFor('http://127.0.0.1:4010')).toEqual({ kind: 'key', key: 'legacy-key-1234567890' });
    expect((await service.keyFor('http://127.0.0.1:4011')).kind).toBe('withheld');
  });

  it('rebind (after main\'s own dialog said yes) moves the binding', async () => {
    const store = memoryStore();
    const service = new KeyService(store, 'default', 'linux');
    await service.set('bound-key-1234567890', false, HELPCRUNCH);
    await service.rebind('https://proxy.example');
    expect(await service.keyFor('https://proxy.example')).toEqual({ kind: 'key', key: 'bound-key-1234567890' });
    expect((await service.keyFor(HELPCRUNCH)).kind).toBe('withheld');
    expect(JSON.parse(store.value!).origin).toBe('https://proxy.example');
  });
});
