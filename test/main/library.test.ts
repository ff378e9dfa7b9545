import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { UNDO_MS } from '../../src/main/library/library-service.ts';
import { libraryFileSchema, type SavedEventDraft } from '../../src/shared/saved-events.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../../src/main/storage/database.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import { SavedEventRepository } from '../../src/main/library/saved-event-repository.ts';

const temp = tempFoldersFor('event-desk-library-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const refund: SavedEventDraft = {
  title: 'Refund issued',
  name: 'Refund issued',
  description: 'After a refund in Stripe',
  template: { amount: '{{input.amount}}', reason: '{{input.reason}}', by: '{{customer.email}}', at: '{{now}}' },
  fields: [
    { key: 'amount', label: 'Amount', type: 'number', required: true, choices: [] },
    { key: 'reason', label: 'Reason', type: 'choice', required: true, choices: ['Damaged', 'Late'] },
  ],
  defaultCustomer: null,
  tags: ['billing'],
};

function open(clock = new FakeClock()): Core {
  return createCore({ userDataDir: temp(), apiBaseUrl: mock.url, clock, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000 });
}

describe('the saved-events library', () => {
  it('create, edit, rename, duplicate; titles are unique; bad templates are refused with the reason', () => {
    const core = open();
    const saved = core.activeScope().library.create(refund);
    expect(saved).toMatchObject({ title: 'Refund issued', tags: ['billing'], fields: [{ key: 'amount' }, { key: 'reason' }] });
    expect(() => core.activeScope().library.create(refund)).toThrow(/already titled "Refund issued"/);
    expect(core.activeScope().library.update(saved.id, { ...refund, title: 'Refund (partial)' }).title).toBe('Refund (partial)');
    expect(core.activeScope().library.duplicate(saved.id).title).toBe('Refund (partial) (copy)');
    expect(() => core.activeScope().library.create({ ...refund, title: 'Bad', template: { a: '{{nwo}}' } })).toThrow(/template: a: Unknown placeholder \{\{nwo\}\}/);
    expect(() => core.activeScope().library.create({ ...refund, title: 'Bad', template: { a: '{{input.missing}}' } })).toThrow(/no input field "missing"/);
    expect(core.activeScope().library.list().map((item) => item.title)).toEqual(['Refund (partial)', 'Refund (partial) (copy)']);
    core.close();
  });

  it('delete has a few seconds of undo, then it is gone', () => {
    const clock = new FakeClock();
    const core = open(clock);
    const saved = core.activeScope().library.create(refund);
    core.activeScope().library.delete(saved.id);
    expect(core.activeScope().library.list()).toEqual([]);
    expect(core.activeScope().library.undoDelete(saved.id).title).toBe('Refund issued');
    core.activeScope().library.delete(saved.id);
    clock.time += UNDO_MS + 1;
    expect(() => core.activeScope().library.undoDelete(saved.id)).toThrow(/too late to undo/);
    core.close();
  });

  it('sends with the template resolved by main, records which saved event produced it', async () => {
    const core = open();
    const saved = core.activeScope().library.create(refund);
    await core.activeScope().customers.search('1001');
    const { event } = await core.activeScope().library.resolve(saved.id, 1001, { amount: '20', reason: 'Damaged' });
    expect(event).toMatchObject({ name: 'Refund issued', customer: 1001, data: { amount: 20, reason: 'Damaged', by: expect.stringContaining('@example.com') } });
    const entry = await core.activeScope().sender.send(event, { savedEventId: saved.id });
    expect(entry.savedEventId).toBe(saved.id);
    expect(core.history.get(entry.id)?.savedEventId).toBe(saved.id);
    await expect(core.activeScope().library.resolve(saved.id, 1001, { amount: 'twenty', reason: 'Damaged' })).rejects.toThrow('Amount must be a number');
    core.close();
  });

  it('a customer not seen in a search is looked up once (GET /customers/{id}) for {{customer.*}}', async () => {
    const core = open();
    const saved = core.activeScope().library.create(refund);
    const { event } = await core.activeScope().library.resolve(saved.id, 1002, { amount: '1', reason: 'Late' });
    expect(event.data.by).toMatch(/@example\.com$/);
    expect(mock.received.map((request) => request.path)).toEqual(['/v1/customers/1002']);
    core.close();
  });

  it('export, then import into another library: added, unchanged skipped, conflicts left for the user', async () => {
    const core = open();
    core.activeScope().library.create(refund);
    core.activeScope().library.create({ ...refund, title: 'Call made', name: 'Call made', template: { minutes: '{{input.minutes}}' }, fields: [{ key: 'minutes', label: 'Minutes', type: 'number', required: true, choices: [] }] });
    const path = join(temp(), 'library.json');
    let text = '';
    await core.activeScope().library.exportTo(new Writable({ write: (chunk, _encoding, callback) => ((text += chunk), callback()) }));
    writeFileSync(path, text);
    expect(libraryFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).events).toHaveLength(2);

    const other = open();
    other.activeScope().library.create({ ...refund, description: 'a different one' });
    const report = await other.activeScope().library.importFile(path, 'ask');
    expect(report).toEqual({ added: ['Call made'], updated: [], skipped: [], conflicts: ['Refund issued'] });
    expect((await other.activeScope().library.importFile(path, 'ask')).skipped.map((item) => item.reason)).toEqual(['already in the library, unchanged']);
    expect(await other.activeScope().library.importFile(path, 'replace')).toMatchObject({ updated: ['Refund issued'] });
    core.close();
    other.close();
  });

  it('a hostile library file is refused or its bad events skipped, with the reason', async () => {
    const core = open();
    const path = join(temp(), 'evil.json');
    writeFileSync(path, JSON.stringify({ format: 'event-desk-library', version: 1, events: [{ title: 'Evil', name: 'x', template: { a: "{{constructor.constructor('alert(1)')()}}" } }, { title: 'x'.repeat(500) }, 'nope'] }));
    const report = await core.activeScope().library.importFile(path, 'ask');
    expect(report.added).toEqual([]);
    expect(report.skipped.map((item) => item.reason)).toEqual([expect.stringContaining('Unknown placeholder'), expect.stringContaining('title'), expect.any(String)]);
    writeFileSync(path, '{"format": "something-else"}');
    await expect(core.activeScope().library.importFile(path, 'ask')).rejects.toThrow(/not an Event Desk library file/);
    core.close();
  });
});

describe('learned shapes', () => {
  it('the usual keys and types of an event name, from its recent sends', async () => {
    const core = open();
    for (let i = 0; i < 5; i += 1) await core.activeScope().sender.send({ name: 'Plan upgraded', customer: 1001, data: { plan: 'pro', seats: i, ...(i % 2 ? { coupon: 'X' } : {}) } });
    const shape = core.shapes.shape('default', 'Plan upgraded');
    expect(shape.sample).toBe(5);
    expect(shape.keys.slice(0, 2)).toEqual([
      { key: 'plan', kinds: ['string'], share: 1 },
      { key: 'seats', kinds: ['number'], share: 1 },
    ]);
    expect(shape.keys[2]).toMatchObject({ key: 'coupon', share: 0.4 });
    expect(core.shapes.shape('default', 'Never sent')).toEqual({ sample: 0, keys: [] });
    core.close();
  });
});

describe('library import: hostile files and entries get a line, never a hang or a crash', () => {
  it('an entry nested 100,000 deep and a template built to make a pattern backtrack are skipped with the reason', async () => {
    const core = open();
    const path = join(temp(), 'hostile.json');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const spaces = { title: 'Spaces', name: 'x', template: { a: `{{${' '.repeat(9_000)}now}}x` } };
    writeFileSync(path, `{"format":"event-desk-library","version":1,"events":[{"title":"Deep","name":"x","template":{"a":${deep}}},${JSON.stringify(spaces)},${JSON.stringify(refund)}]}`);
    const started = performance.now();
    const report = await core.activeScope().library.importFile(path, 'ask');
    console.log(`hostile library import: ${(performance.now() - started).toFixed(1)} ms`);
    expect(report.added).toEqual(['Refund issued']);
    expect(report.skipped).toEqual([
      { title: 'Deep', reason: 'The entry is nested too deeply (max 64 levels).' },
      { title: 'Spaces', reason: expect.stringContaining('longer than 100 characters') },
    ]);
    core.close();
  });

  it('a FIFO or a device is refused before it is read', { timeout: 5_000 }, async () => {
    const core = open();
    const fifo = join(temp(), 'library.json');
    execFileSync('mkfifo', [fifo]);
    await expect(core.activeScope().library.importFile(fifo, 'ask')).rejects.toThrow(/is not a regular file \(a named pipe\)/);
    await expect(core.activeScope().library.importFile('/dev/zero', 'ask')).rejects.toThrow(/is not a regular file/);
    core.close();
  });
});

describe('one library for every account', () => {
  it('a saved event is shared by every account by default; one limited to some accounts is seen only there', async () => {
    const core = open();
    const production = core.profiles.create({ name: 'Production' });
    const staging = core.profiles.create({ name: 'Staging' });
    const shared = core.scope('default').library.create(refund);
    expect(shared.accounts).toEqual([]);
    expect(core.scope(production.id).library.list().map((item) => item.title)).toEqual(['Refund issued']);
    // Limited to production: made from the default account, it is not listed there afterwards.
    const limited = core.scope('default').library.create({ ...refund, title: 'Goodwill credit', accounts: [production.id] });
    expect(limited.accounts).toEqual([production.id]);
    expect(core.scope('default').library.list().map((item) => item.title)).toEqual(['Refund issued']);
    expect(core.scope(production.id).library.list().map((item) => item.title)).toEqual(['Goodwill credit', 'Refund issued']);
    expect(() => core.scope(staging.id).library.get(limited.id)).toThrow(/no saved event/);
    expect(() => core.scope(staging.id).library.find('Goodwill credit')).toThrow(/no saved event titled/);
    await expect(core.scope(staging.id).library.resolve(limited.id, 1001, { amount: '5', reason: 'Late' })).rejects.toThrow(/no saved event/);
    expect(() => core.scope(staging.id).library.delete(limited.id)).toThrow(/no saved event/);
    // Titles are unique in the whole library, and the message says where the other one is.
    expect(() => core.scope(staging.id).library.create({ ...refund, title: 'Goodwill credit' })).toThrow(/already titled "Goodwill credit" \(in another account\)/);
    expect(() => core.scope('default').library.create({ ...refund, title: 'X', accounts: ['nobody'] })).toThrow(/no account "nobody"/);
    // Widening it again: every account sees it.
    core.scope(production.id).library.update(limited.id, { ...refund, title: 'Goodwill credit', accounts: [] });
    expect(core.scope(staging.id).library.list()).toHaveLength(2);
    expect(core.scope(staging.id).library.find('Refund issued').id).toBe(shared.id);
    core.close();
  });

  it('deleting an account takes the saved events limited to it alone, and leaves the shared ones', async () => {
    const core = open();
    const production = core.profiles.create({ name: 'Production' });
    const staging = core.profiles.create({ name: 'Staging' });
    core.scope('default').library.create(refund);
    core.scope('default').library.create({ ...refund, title: 'Only production', accounts: [production.id] });
    core.scope('default').library.create({ ...refund, title: 'Production and staging', accounts: [production.id, staging.id] });
    await core.profiles.delete(production.id);
    expect(core.scope(staging.id).library.list().map((item) => [item.title, item.accounts])).toEqual([
      ['Production and staging', [staging.id]],
      ['Refund issued', []],
    ]);
    core.close();
  });
});

describe('the migration to a shared library', () => {
  const step = migrations.findIndex((sql) => sql.includes('CREATE TABLE saved_event_accounts'));

  it('every profile\'s saved events become shared; a title in two accounts keeps both, suffixed with the account name', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, migrations.slice(0, step));
    db.exec(`INSERT INTO profiles (id, name, created_at) VALUES ('prod', 'Production', 1), ('staging', 'Staging', 2)`);
    const insert = db.prepare(`INSERT INTO saved_events (profile, title, name, template, created_at, updated_at, deleted_at) VALUES (?, ?, 'n', '{}', 1, 1, ?)`);
    insert.run('default', 'Refund issued', null);
    insert.run('prod', 'Refund issued', null);
    insert.run('default', 'Call made', null);
    insert.run('staging', 'Onboarding', null);
    insert.run('staging', 'Call made', 5); // deleted (undo window long gone): not a collision
    insert.run('staging', `${'L'.repeat(120)}`, null);
    insert.run('prod', `${'L'.repeat(120)}`, null);
    migrate(db, migrations.slice(0, step + 1));
    // The repository reads tables of later steps too (saved_event_files).
    migrate(db, migrations);
    const repository = new SavedEventRepository(db);
    for (const viewer of ['default', 'prod', 'staging']) {
      expect(repository.list(viewer).map((item) => item.title)).toEqual([
        'Call made',
        `${'L'.repeat(107)} (Production)`,
        `${'L'.repeat(110)} (Staging)`,
        'Onboarding',
        'Refund issued (Default)',
        'Refund issued (Production)',
      ]);
    }
    expect(repository.list('default').every((item) => item.accounts.length === 0)).toBe(true);
    expect((db.prepare(`SELECT count(*) AS n FROM saved_events WHERE profile <> '*'`).get() as { n: number }).n).toBe(0);
    db.close();
  });
});
