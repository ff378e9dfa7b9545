import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services.ts';
import type { SecretStore } from '../../src/main/secrets/secret-store.ts';
import { SettingsStore } from '../../src/main/settings/settings-store.ts';
import { StartupError } from '../../src/main/storage/startup-error.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';

const temp = tempFoldersFor('event-desk-security-');
const event = { name: 'Call made', customer: 1001, data: { minutes: 5 } };


describe('the key is bound to the origin it was saved for', () => {
  let home: MockServer;
  let attacker: MockServer;
  beforeAll(async () => {
    home = await startMockServer();
    // Same host, another port: a different origin.
    attacker = await startMockServer({ apiKey: home.apiKey });
  });
  afterAll(async () => {
    await home.close();
    await attacker.close();
  });
  beforeEach(() => {
    home.reset();
    attacker.reset();
  });

  function app(options: { confirm?: boolean; env?: Record<string, string>; store?: SecretStore; userDataDir?: string } = {}): Services {
    return createServices({
      userDataDir: options.userDataDir ?? temp(),
      env: options.env ?? {},
      secretStore: options.store ?? memorySecretStore(),
      emit: () => {},
      confirmKeyOrigin: async () => options.confirm ?? false,
      requestsPerMinute: 10_000,
    });
  }

  it('a renderer that moves the base URL elsewhere gets requests sent without the key', async () => {
    const services = app();
    const { handlers } = services;
    await handlers['settings:setBaseUrl']({ baseUrl: home.url });
    await handlers['key:set']({ key: home.apiKey, sessionOnly: false });
    expect((await handlers['events:send'](event)).ok && 'sent').toBe('sent');

    const moved = await handlers['settings:setBaseUrl']({ baseUrl: attacker.url });
    expect(moved.ok && moved.value.key).toMatchObject({ withheld: true, origin: new URL(home.url).origin });
    const test = await handlers['key:test'](undefined);
    expect(test.ok && test.value.verdict).toBe('no_key');
    const sent = await handlers['events:sendAgain'](event);
    expect(sent.ok && sent.value).toMatchObject({ outcome: 'unauthorized', attempts: 0 });
    expect(sent.ok && sent.value.message).toContain('does not send it to');
    expect(attacker.received).toHaveLength(0);
    services.close();
  });

  it('a crafted settings.json pointing elsewhere does not get the key either', async () => {
    const folder = temp();
    const store = memorySecretStore();
    const first = app({ userDataDir: folder, store });
    await first.handlers['settings:setBaseUrl']({ baseUrl: home.url });
    await first.handlers['key:set']({ key: home.apiKey, sessionOnly: false });
    first.close();
    writeFileSync(join(folder, 'settings.json'), JSON.stringify({ baseUrl: attacker.url }));
    const second = app({ userDataDir: folder, store });
    await second.handlers['events:send'](event);
    await second.handlers['key:test'](undefined);
    expect(attacker.received.every((request) => request.authorization === undefined)).toBe(true);
    second.close();
  });

  it('main\'s own dialog saying yes, or the key entered again, moves it', async () => {
    const services = app({ confirm: true });
    await services.handlers['settings:setBaseUrl']({ baseUrl: home.url });
    await services.handlers['key:set']({ key: home.apiKey, sessionOnly: false });
    const moved = await services.handlers['settings:setBaseUrl']({ baseUrl: attacker.url });
    expect(moved.ok && moved.value.key).toMatchObject({ withheld: false, origin: new URL(attacker.url).origin });
    expect((await services.handlers['key:test'](undefined)).ok).toBe(true);
    expect(attacker.received[0]?.authorization).toBe(`Bearer ${home.apiKey}`);
    services.close();

    const again = app();
    await again.handlers['settings:setBaseUrl']({ baseUrl: attacker.url });
    await again.handlers['key:set']({ key: home.apiKey, sessionOnly: true });
    const settings = await again.handlers['settings:get'](undefined);
    expect(settings.ok && settings.value.key.withheld).toBe(false);
    again.close();
  });

  it('HELPCRUNCH_API_URL set by the person launching counts as their choice', async () => {
    const store = memorySecretStore();
    await store.set('profile:default', home.apiKey); // a bare key from an earlier version: bound to HelpCrunch
    const services = app({ store, env: { HELPCRUNCH_API_URL: home.url } });
    const sent = await services.handlers['events:send'](event);
    expect(sent.ok && sent.value.outcome).toBe('sent');
    services.close();
  });
});

describe('startup failures are said, never a stuck process', () => {
  function start(userDataDir: string, env: Record<string, string> = {}) {
    return () => createServices({ userDataDir, env, secretStore: memorySecretStore(), emit: () => {} });
  }

  it('a database from a newer version', () => {
    const folder = temp();
    const db = new DatabaseSync(join(folder, 'history.sqlite'));
    db.exec('PRAGMA user_version = 99');
    db.close();
    expect(start(folder)).toThrow(StartupError);
    expect(start(folder)).toThrow(/newer Event Desk \(schema 99/);
    expect(existsSync(join(folder, 'history.sqlite'))).toBe(true);
  });

  it('a database whose tables do not match its version', () => {
    const folder = temp();
    const db = new DatabaseSync(join(folder, 'history.sqlite'));
    db.exec('CREATE TABLE sends (id INTEGER PRIMARY KEY); PRAGMA user_version = 3');
    db.close();
    expect(start(folder)).toThrow(/tables do not match \(missing: recent_customers/);
  });

  it('an unusable HELPCRUNCH_API_URL', () => {
    expect(start(temp(), { HELPCRUNCH_API_URL: 'http://example.com/v1' })).toThrow(/HELPCRUNCH_API_URL is not usable: Use https/);
  });

  it('a corrupt file that cannot be moved aside', () => {
    const folder = temp();
    const clock = new FakeClock();
    writeFileSync(join(folder, 'history.sqlite'), 'not a database '.repeat(100));
    // The name it would be moved to is taken by a non-empty folder, so the rename fails (even as root).
    const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
    mkdirSync(join(folder, `history.unreadable-${stamp}.sqlite`));
    writeFileSync(join(folder, `history.unreadable-${stamp}.sqlite`, 'keep'), 'x');
    const open = () => createServices({ userDataDir: folder, env: {}, secretStore: memorySecretStore(), emit: () => {}, clock });
    expect(open).toThrow(StartupError);
    expect(open).toThrow(/cannot be read .* and moving it aside failed/);
  });
});

describe('settings.json', () => {
  it('keeps the valid fields, resets the bad one and says which, once', () => {
    const folder = temp();
    writeFileSync(join(folder, 'settings.json'), JSON.stringify({ baseUrl: 'http://evil.example/v1', retentionDays: 30 }));
    const services = createServices({ userDataDir: folder, env: {}, secretStore: memorySecretStore(), emit: () => {} });
    expect(services.core.notices.map((notice) => notice.message)).toEqual([expect.stringContaining('the saved API base URL was not valid')]);
    return services.handlers['settings:get'](undefined).then((settings) => {
      expect(settings.ok && settings.value).toMatchObject({ retentionDays: 30, baseUrl: { source: 'default' } });
      services.close();
    });
  });

  it('never follows a planted temp file or symlink, and leaves no temp file behind', () => {
    const folder = temp();
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(folder, 'settings.json.tmp'));
    const store = new SettingsStore(join(folder, 'settings.json'), undefined);
    store.setRetentionDays(7);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(join(folder, 'settings.json'), 'utf8'))).toEqual({ retentionDays: 7 });
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp') && name !== 'settings.json.tmp')).toEqual([]);
  });
});
