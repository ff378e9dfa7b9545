import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { migrate } from '../../src/main/storage/database.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';

const temp = tempFoldersFor('event-desk-profiles-');
let production: MockServer;
let staging: MockServer;
beforeAll(async () => {
  production = await startMockServer({ apiKey: 'production-key-000000001' });
  staging = await startMockServer({ apiKey: 'staging-key-00000000002' });
});
afterAll(async () => {
  await production.close();
  await staging.close();
});


async function twoProfiles() {
  const userDataDir = temp();
  const store = memorySecretStore();
  const core = createCore({ userDataDir, secretStore: store, requestsPerMinute: 100_000 });
  await core.activeScope().settings.setBaseUrl(production.url);
  await core.activeScope().settings.setKey(production.apiKey, false);
  const second = core.profiles.create({ name: 'Staging', perMinute: 600 });
  core.profiles.use(second.id);
  await core.activeScope().settings.setBaseUrl(staging.url);
  await core.activeScope().settings.setKey(staging.apiKey, false);
  return { core, second, userDataDir, store };
}

describe('profiles', () => {
  it('each profile has its own key, base URL, history and jobs; a key never goes to the other profile\'s host', async () => {
    const { core, second } = await twoProfiles();
    const onStaging = await core.activeScope().sender.send({ name: 'Test event', customer: 1001, data: { where: 'staging' } });
    expect(onStaging.outcome).toBe('sent');
    core.profiles.use('default');
    const onProduction = await core.activeScope().sender.send({ name: 'Real event', customer: 1001, data: { where: 'production' } });
    expect(onProduction.outcome).toBe('sent');
    expect(core.history.page(10, null, 'default', EMPTY_FILTER).entries.map((entry) => entry.request.name)).toEqual(['Real event']);
    expect(core.history.page(10, null, second.id, EMPTY_FILTER).entries.map((entry) => entry.request.name)).toEqual(['Test event']);
    expect(production.received.every((request) => request.authorization === `Bearer ${production.apiKey}`)).toBe(true);
    expect(staging.received.every((request) => request.authorization === `Bearer ${staging.apiKey}`)).toBe(true);
    expect(production.received.map((request) => (request.body as { data?: { where?: string } })?.data?.where).filter(Boolean)).toEqual(['production']);
    const settings = await core.activeScope().settings.view();
    expect(settings.profile).toBe('default');
    // Searches go to the active profile's host with its key; exports hold only its entries.
    production.reset();
    staging.reset();
    await core.activeScope().customers.search('ada');
    expect(production.received.map((request) => request.path)).toEqual(['/v1/customers/search']);
    expect(staging.received).toEqual([]);
    let exported = '';
    await core.activeScope().exports.exportTo({ filter: EMPTY_FILTER, ids: null, format: 'ndjson' }, { stream: new Writable({ write: (chunk, _encoding, callback) => ((exported += chunk), callback()) }) });
    expect(exported.trim().split('\n').map((line) => (JSON.parse(line) as { request: { name: string } }).request.name)).toEqual(['Real event']);
    core.close();
  });

  it('a job keeps running in its own profile when the user switches', async () => {
    const { core, second } = await twoProfiles();
    core.profiles.use('default');
    const file = join(temp(), 'events.ndjson');
    writeFileSync(file, Array.from({ length: 5 }, (_, index) => JSON.stringify({ name: 'Replayed', customer: 1001, data: { index } })).join('\n'));
    const plan = await core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
    const run = core.activeScope().replay.start(plan.job.id);
    core.profiles.use(second.id);
    expect(core.activeScope().replay.list()).toEqual([]);
    expect(await run.finished).toBe('finished');
    expect(core.scope('default').replay.get(plan.job.id).counts).toEqual({ sent: 5 });
    expect(staging.received.filter((request) => (request.body as { name?: string })?.name === 'Replayed')).toHaveLength(0);
    core.close();
  });

  it('the active profile is remembered (the CLI uses it by default); deleting one removes its data and key', async () => {
    const { core, second, userDataDir, store } = await twoProfiles();
    core.close();
    const reopened = createCore({ userDataDir, secretStore: store });
    expect(reopened.activeScope().profile).toBe(second.id);
    expect(reopened.profiles.find('staging').id).toBe(second.id);
    await expect(reopened.profiles.delete(second.id)).rejects.toThrow(/is the profile in use/);
    reopened.profiles.use('default');
    await reopened.profiles.delete(second.id);
    expect(reopened.profiles.view().profiles.map((profile) => profile.name)).toEqual(['Default']);
    expect(await store.get(`profile:${second.id}`)).toBeNull();
    expect(reopened.history.count(second.id, EMPTY_FILTER)).toBe(0);
    expect(() => reopened.profiles.create({ name: 'default' })).toThrow(/already called/);
    // A new budget applies at once to the account's next request.
    reopened.profiles.update('default', { name: 'Default', perMinute: 60 });
    expect(reopened.scope('default').budget.perMinute).toBeCloseTo(60, 6);
    reopened.close();
  });

  it('an existing installation migrates: today\'s data becomes the Default profile', () => {
    const userDataDir = temp();
    const db = new DatabaseSync(join(userDataDir, 'history.sqlite'));
    migrate(db, migrations.slice(0, 7));
    db.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data) VALUES ('default', 1, 1, 'sent', 'Old send', 1001, '{}')`).run();
    db.close();
    const core = createCore({ userDataDir, secretStore: memorySecretStore() });
    expect(core.profiles.view()).toMatchObject({ active: 'default', profiles: [{ id: 'default', name: 'Default', perMinute: 120, production: false }] });
    expect(core.history.page(10, null, core.activeScope().profile, EMPTY_FILTER).entries.map((entry) => entry.request.name)).toEqual(['Old send']);
    core.close();
  });
});
