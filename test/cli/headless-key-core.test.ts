import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { HeadlessSecretStore, readKeyFile } from '../../src/main/secrets/headless-store.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Issue 19, item 5, below the CLI: the core never reads HELPCRUNCH_API_KEY(_FILE) (the app builds
// the same core, so the app never sees them); a host passes a HeadlessSecretStore, which serves one
// account, is bound to one origin and never writes.
const temp = tempFoldersFor('event-desk-headless-core-');
const repository = join(import.meta.dirname, '..', '..');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 100_000 });
});
afterAll(() => mock.close());

describe('the core and the headless key variables', () => {
  const saved = { key: process.env.HELPCRUNCH_API_KEY, file: process.env.HELPCRUNCH_API_KEY_FILE };
  afterEach(() => {
    for (const [name, value] of [['HELPCRUNCH_API_KEY', saved.key], ['HELPCRUNCH_API_KEY_FILE', saved.file]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('a core built without a headless store ignores HELPCRUNCH_API_KEY and HELPCRUNCH_API_KEY_FILE in its environment', async () => {
    const file = join(temp(), 'key');
    writeFileSync(file, mock.apiKey, { mode: 0o600 });
    process.env.HELPCRUNCH_API_KEY = mock.apiKey;
    process.env.HELPCRUNCH_API_KEY_FILE = file;
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: memorySecretStore() });
    try {
      const scope = core.activeScope();
      expect((await scope.settings.view()).key.state).toBe('missing');
      expect((await scope.settings.testConnection()).verdict).toBe('no_key');
      expect(mock.received.filter((request) => request.authorization?.includes(mock.apiKey))).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('no file of the core or the Electron host names the variables (only src/cli reads them)', () => {
    const offenders: string[] = [];
    for (const entry of readdirSync(join(repository, 'src', 'main'), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if (/HELPCRUNCH_API_KEY/.test(readFileSync(path, 'utf8'))) offenders.push(path);
    }
    // headless-store.ts names them in its refusal text only; it reads no environment.
    const reading = offenders.filter((path) => /process\.env/.test(readFileSync(path, 'utf8')));
    expect(reading).toEqual([]);
    expect(offenders.map((path) => path.slice(repository.length + 1))).toEqual(['src/main/secrets/headless-store.ts']);
  });

  it('a core given a HeadlessSecretStore sends the key to its origin, for the account it serves only', async () => {
    const store = new HeadlessSecretStore(mock.apiKey, new URL(mock.url).origin, 'environment');
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: store });
    try {
      const scope = core.activeScope();
      store.serve(scope.profile);
      expect((await scope.settings.testConnection()).verdict).toBe('works');
      const other = core.profiles.create({ name: 'Other' });
      expect((await core.scope(other.id).settings.view()).key.state).toBe('missing');
    } finally {
      core.close();
    }
  });
});

describe('HeadlessSecretStore', () => {
  it('serves only its account, refuses to save, and deletes nothing', async () => {
    const store = new HeadlessSecretStore('k'.repeat(32), 'https://api.helpcrunch.com', 'file');
    await expect(store.get('profile:default')).rejects.toThrow('before its account was set');
    store.serve('default');
    expect(JSON.parse((await store.get('profile:default'))!)).toEqual({ v: 1, key: 'k'.repeat(32), origin: 'https://api.helpcrunch.com' });
    expect(await store.get('profile:other')).toBeNull();
    await expect(store.set()).rejects.toThrow('HELPCRUNCH_API_KEY_FILE and is never saved');
    expect(await store.delete()).toBe(false);
    expect(await store.get('profile:default')).not.toBeNull();
  });
});

describe('readKeyFile', () => {
  const file = (mode: number, text: string) => {
    const path = join(temp(), 'key');
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };

  it('reads a 0600 or 0400 file, trimmed', () => {
    expect(readKeyFile(file(0o600, '  abc123\n'), 'linux')).toBe('abc123');
    expect(readKeyFile(file(0o400, 'abc123'), 'linux')).toBe('abc123');
  });

  it('refuses a file group or others can read or write, naming the mode and the fix, never the contents', () => {
    for (const mode of [0o644, 0o640, 0o604, 0o620]) {
      const path = file(mode, 'the-secret-value');
      let message = '';
      try {
        readKeyFile(path, 'linux');
      } catch (error) {
        message = `${(error as Error).message} ${(error as { hint?: string }).hint}`;
        expect((error as { code?: string }).code).toBe('key_file');
      }
      expect(message).toContain(`mode 0${mode.toString(8)}`);
      expect(message).toContain('chmod 600');
      expect(message).not.toContain('the-secret-value');
    }
  });

  it('refuses a missing file, a folder and a huge file with code key_file', () => {
    const folder = temp();
    expect(() => readKeyFile(join(folder, 'absent'), 'linux')).toThrow(/cannot be read \(ENOENT\)/);
    chmodSync(folder, 0o700);
    expect(() => readKeyFile(folder, 'linux')).toThrow(/not a file/);
    expect(() => readKeyFile(file(0o600, 'x'.repeat(70_000)), 'linux')).toThrow(/far too large/);
  });
});
