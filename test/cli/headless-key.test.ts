import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { CLI, type CliResult } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Issue 19, item 5: the key for servers, containers and CI. `event-desk` as a real subprocess with
// NO D-Bus session at all (no Secret Service can be reached, as in a container), the key given by
// HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE, against the mock. The key is never printed and
// never written, and it goes only to the run's API URL.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
const temp = tempFoldersFor('event-desk-headless-');
let mock: MockServer;
let userData: string;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 100_000 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  userData = temp();
});

/** The environment of a server: this process's, minus any D-Bus session and any key variable, plus `extra`. */
function serverEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^DBUS_|^HELPCRUNCH_|^EVENT_DESK_/.test(name)) continue;
    env[name] = value;
  }
  // No keyring either: a keychain service name no test ever saved to, so a stray read finds nothing.
  return { ...env, NO_COLOR: '1', EVENT_DESK_USER_DATA: userData, EVENT_DESK_KEYCHAIN_SERVICE: 'Event Desk headless test (never written)', ...extra };
}

function run(args: string[], extra: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: serverEnv(extra), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end();
  });
}

function keyFile(mode: number, text = `${mock.apiKey}\n`): string {
  const path = join(temp(), 'helpcrunch.key');
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
}

/** Every file the runs left in the user-data folder, read as text. */
function everythingWritten(folder: string): string {
  let text = '';
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (statSync(path).isFile()) text += readFileSync(path, 'latin1');
  }
  return text;
}

const send = ['send', '--name', 'Backfilled', '--customer', '1001', '--json'];
const events = () => mock.received.filter((request) => request.path === '/v1/events');

describe('a headless key (no keychain, no D-Bus)', () => {
  it('HELPCRUNCH_API_KEY: sends to the mock with that key, says its source, and never prints or writes it', async () => {
    const env = { HELPCRUNCH_API_KEY: mock.apiKey, HELPCRUNCH_API_URL: mock.url };
    const sent = await run(send, env);
    expect(sent.stderr).not.toContain(mock.apiKey);
    expect(sent.code).toBe(0);
    expect(events()).toHaveLength(1);
    expect(events()[0]!.authorization).toBe(`Bearer ${mock.apiKey}`);

    const status = await run(['key', 'status'], env);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain('Key from the environment variable HELPCRUNCH_API_KEY, for this run only (not saved)');
    const json = await run(['key', 'status', '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'environment', key: { last4: mock.apiKey.slice(-4), withheld: false }, keychainProblem: null });

    for (const result of [sent, status, json]) expect(result.stdout + result.stderr).not.toContain(mock.apiKey);
    // Not in settings, the database or its journal: the key lives in the process for the run.
    expect(everythingWritten(userData)).not.toContain(mock.apiKey);
  });

  it('HELPCRUNCH_API_KEY_FILE with mode 0600: sends, and key status names the file as the source', async () => {
    const env = { HELPCRUNCH_API_KEY_FILE: keyFile(0o600), HELPCRUNCH_API_URL: mock.url };
    const sent = await run(send, env);
    expect(sent.code).toBe(0);
    expect(events()).toHaveLength(1);
    const json = await run(['key', 'status', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'file' });
    const status = await run(['key', 'status'], env);
    expect(status.stderr).toContain('Key from the key file named by HELPCRUNCH_API_KEY_FILE');
    for (const result of [sent, json, status]) expect(result.stdout + result.stderr).not.toContain(mock.apiKey);
    expect(everythingWritten(userData)).not.toContain(mock.apiKey);
  });

  it('a key file others can read (0644) is refused: exit 3, the fix named, nothing sent, the key not printed', async () => {
    const path = keyFile(0o644);
    const env = { HELPCRUNCH_API_KEY_FILE: path, HELPCRUNCH_API_URL: mock.url };
    for (const args of [send, ['key', 'status']]) {
      const result = await run(args, env);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`The key file ${path} can be read by other users (mode 0644)`);
      expect(result.stderr).toContain(`chmod 600 ${path}`);
      expect(result.stdout + result.stderr).not.toContain(mock.apiKey);
    }
    expect(events()).toHaveLength(0);
  });

  it('stays bound to the run\'s API URL: a base URL from settings.json does not get it', async () => {
    // Someone who can write the user-data volume points the account at their own server.
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ baseUrl: mock.url }));
    const env = { HELPCRUNCH_API_KEY: mock.apiKey };
    const status = await run(['key', 'status'], env);
    expect(status.code).toBe(3);
    expect(status.stderr).toContain('is for https://api.helpcrunch.com; it is not sent to');
    expect(status.stderr).toContain('HELPCRUNCH_API_URL');
    const sent = await run(send, env);
    expect(sent.code).toBe(3);
    // The fix for a headless key, not "save the key again" (the keychain is not in play).
    expect(sent.stderr).toContain("This run's API key is for https://api.helpcrunch.com");
    expect(sent.stderr).toContain('HELPCRUNCH_API_URL');
    expect(sent.stderr).not.toContain('key set');
    // Nothing reached the mock with the key on it.
    expect(mock.received.filter((request) => request.authorization === `Bearer ${mock.apiKey}`)).toEqual([]);
  });

  it('key set and key remove refuse while a variable gives the key (exit 2), and both variables at once are refused', async () => {
    const env = { HELPCRUNCH_API_KEY: mock.apiKey, HELPCRUNCH_API_URL: mock.url };
    for (const args of [['key', 'set'], ['key', 'remove']]) {
      const result = await run(args, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('HELPCRUNCH_API_KEY gives this run its API key');
    }
    const both = await run(['key', 'status'], { ...env, HELPCRUNCH_API_KEY_FILE: keyFile(0o600) });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Both HELPCRUNCH_API_KEY and HELPCRUNCH_API_KEY_FILE are set');
    expect(both.stdout + both.stderr).not.toContain(mock.apiKey);
  });

  it('a key HelpCrunch refuses: key test says so with exit 3 and points at the variable', async () => {
    const result = await run(['key', 'test'], { HELPCRUNCH_API_KEY: 'not-the-right-key-123456', HELPCRUNCH_API_URL: mock.url });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('did not accept this key (401');
    expect(result.stderr).toContain('put the right key there');
    expect(result.stdout + result.stderr).not.toContain('not-the-right-key-123456');
  });

  it('a malformed key in the variable is refused without echoing it', async () => {
    const bad = 'abcdefghijklmnop\u200bsecretpart1234';
    const result = await run(send, { HELPCRUNCH_API_KEY: bad, HELPCRUNCH_API_URL: mock.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The API key in HELPCRUNCH_API_KEY is not a HelpCrunch API key');
    expect(result.stderr).not.toContain('secretpart');
    expect(events()).toHaveLength(0);
  });

  it('without a variable and without D-Bus, the keychain path is what it was: a keychain problem, exit 3', async () => {
    const result = await run(['key', 'status', '--json'], { HELPCRUNCH_API_URL: mock.url });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: 'keychain', key: { state: 'missing' } });
  });
});
