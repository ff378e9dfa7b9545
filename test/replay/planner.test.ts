import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { seedOldHistory } from '../../bench/history-seed.ts';
import { createCore } from '../../src/main/core/index.ts';
import { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { fingerprint } from '../../src/main/replay/fingerprint.ts';
import { JobRepository } from '../../src/main/replay/job-repository.ts';
import { planJob } from '../../src/main/replay/planner.ts';
import { openFileSource } from '../../src/main/replay/sources/file-source.ts';
import { duplicateMessage } from '../../src/main/sending/send-service.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The planner reads history and writes the journal a batch (2,000 items) at a time: what it says
// about each line must be what checking that line alone would say.
const temp = tempFoldersFor('event-desk-planner-');
const plan = { sendDuplicates: false, ratePerMinute: null };
const event = (n: number) => ({ name: 'Planned', customer: 1001, data: { n } });

function open(folder = temp()) {
  const core = createCore({ userDataDir: folder, secretStore: fixedKeyStore('x'), apiBaseUrl: 'http://127.0.0.1:9/v1', clock: new FakeClock() });
  return { core, folder };
}

function file(folder: string, lines: string[]): string {
  const path = join(folder, 'events.ndjson');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('planning a batch at a time', () => {
  it('each line gets the duplicate guard\'s own answer, whatever history holds for it', async () => {
    const { core, folder } = open();
    // Earlier sends written as the send path writes them (row order is id order: the latest wins).
    const db = new DatabaseSync(join(folder, 'history.sqlite'));
    const insert = db.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, disposition, name, customer, data, event_id, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const sent = (n: number, outcome: string, disposition: string | null, profile = 'default') => insert.run(profile, 1_700_000_000_000 + n, 1_700_000_000_000 + n, outcome, disposition, 'Planned', 1001, JSON.stringify(event(n).data), outcome === 'sent' ? 9000 + n : null, fingerprint(event(n)));
    sent(1, 'sent', 'delivered');
    sent(2, 'unknown', 'maybe-landed');
    sent(3, 'sending', null);
    sent(4, 'rejected', 'rejected');
    sent(5, 'server_error', 'not-sent');
    sent(6, 'sent', 'delivered');
    sent(6, 'sending', null);
    sent(7, 'sending', null);
    sent(7, 'sent', 'delivered');
    sent(8, 'sent', 'delivered', 'another');
    db.close();
    const numbers = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const planned = await core.activeScope().replay.planFile(file(folder, numbers.map((n) => JSON.stringify(event(n)))), plan);
    const items = core.activeScope().replay.items(planned.job.id, 0, 20, null);
    // What the guard says line by line (an event in flight is left to the guard at send time).
    const expected = numbers.map((n) => {
      const match = core.history.guardMatch('default', fingerprint(event(n)), event(n));
      return match && match.state !== 'in-flight' ? { state: 'skipped', error: duplicateMessage(match) } : { state: 'pending', error: null };
    });
    expect(items.map(({ state, error }) => ({ state, error }))).toEqual(expected);
    // And what that is: delivered (1, 7 whose latest send was delivered) or may have landed (2) are skipped.
    expect(items.filter((item) => item.state === 'skipped').map((item) => item.line)).toEqual([2, 3, 8]);
    expect(items[1]!.error).toMatch(/^Already delivered on .* as event #9001 \(history entry 1\)\.$/);
    expect(planned).toMatchObject({ toSend: 6, repeats: 0, job: { duplicates: 3, counts: { pending: 6, skipped: 3 } } });
    expect(planned.job.counts).toEqual(core.activeScope().replay.get(planned.job.id).counts);
    core.close();
  });

  it('repeats are found across batches (written) and within one (not yet), by line, with blank and invalid lines between', async () => {
    const { core, folder } = open();
    const lines: string[] = [];
    for (let n = 1; n <= 4500; n += 1) lines.push(JSON.stringify(event(n)));
    lines[9] = '{"name": "", "customer": 1001}'; // line 10: invalid
    lines[2499] = 'not json'; // line 2500: invalid
    lines[2099] = lines[4]!; // line 2100 repeats line 5, written two batches ago
    lines[2199] = lines[2149]!; // line 2200 repeats line 2150, in the same batch
    lines[4000] = lines[3998]!; // line 4001 repeats line 3999
    lines[4001] = lines[4]!; // line 4002 repeats line 5 again
    lines.splice(100, 0, ''); // a blank line: every later line number is one more than its item's seq
    const planned = await core.activeScope().replay.planFile(file(folder, lines), plan);
    expect(planned).toMatchObject({ toSend: 4494, repeats: 4, job: { lines: 4500, invalid: 2, duplicates: 0, counts: { pending: 4494, skipped: 4, invalid: 2 } } });
    // The counts the plan shows are the journal's.
    expect(planned.job.counts).toEqual(core.activeScope().replay.get(planned.job.id).counts);
    const skipped = core.activeScope().replay.items(planned.job.id, 0, 10, 'skipped');
    expect(skipped.map((item) => item.error)).toEqual([
      'Line 2101 repeats line 5 (the same name, customer and data): sent once.',
      'Line 2201 repeats line 2151 (the same name, customer and data): sent once.',
      'Line 4002 repeats line 4000 (the same name, customer and data): sent once.',
      'Line 4003 repeats line 5 (the same name, customer and data): sent once.',
    ]);
    expect(planned.invalidSample).toEqual([
      { line: 10, error: 'line 10: name: Enter an event name.' },
      { line: 2501, error: expect.stringMatching(/^line 2501: not valid JSON/) },
    ]);
    // Every item is in the journal, in order, each with its own line.
    const all = core.activeScope().replay.items(planned.job.id, 0, 5000, null);
    expect(all.map((item) => item.line)).toEqual([...Array.from({ length: 100 }, (_, i) => i + 1), ...Array.from({ length: 4400 }, (_, i) => i + 102)]);
    expect(JSON.parse(all[4499]!.data!)).toEqual(event(4500).data);
    core.close();
  });

  it('while history still has sends without fingerprints (an upgrade\'s backfill), those are read too, with the same answers', async () => {
    const folder = temp();
    // Row i: "Refund issued" for customer 1000 + i, data {amount: i, currency: "EUR"}; every 50th
    // rejected, every 97th unknown, the rest delivered; none printed yet.
    seedOldHistory(folder, 300);
    const db = openDatabase(join(folder, 'history.sqlite'));
    const history = new HistoryRepository(db);
    const jobs = new JobRepository(db);
    expect(history.fingerprintsPending()).toBe(true);
    const refund = (i: number) => JSON.stringify({ name: 'Refund issued', customer: 1000 + i, data: { currency: 'EUR', amount: i } });
    const path = file(folder, [1, 50, 97, 150, 301].map(refund));
    const states = async () => {
      const planned = await planJob({ jobs, history, clock: new FakeClock(), profile: 'default', runId: 'test' }, await openFileSource(path), { ...plan, budgetPerMinute: 60 });
      return jobs.items(planned.job.id, 0, 10).map((item) => [item.line, item.state, item.error && item.error.replace(/ on .* UTC/, '')]);
    };
    const expected = [
      [1, 'skipped', 'Already delivered as event #500001 (history entry 1).'],
      [2, 'pending', null],
      [3, 'skipped', 'The same event was sent and may have landed: its outcome is unknown (history entry 97).'],
      [4, 'pending', null],
      [5, 'pending', null],
    ];
    expect(await states()).toEqual(expected);
    while (history.fingerprintsPending()) history.backfillStep();
    expect(await states()).toEqual(expected);
    db.close();
  });

  it('cancelled part way (after a batch was written), the plan leaves nothing behind', async () => {
    const db = openDatabase(join(temp(), 'history.sqlite'));
    const jobs = new JobRepository(db);
    const controller = new AbortController();
    async function* records() {
      for (let n = 1; n <= 5000; n += 1) {
        // Ctrl+C arrives while line 2,500 is read: the first 2,000 items are in the journal by then.
        if (n === 2500) controller.abort();
        yield { position: n, raw: event(n) };
      }
    }
    const planning = planJob({ jobs, history: new HistoryRepository(db), clock: new FakeClock(), profile: 'default', runId: 'test' }, { unit: 'line', label: 'test', records: records() }, { ...plan, budgetPerMinute: 60, signal: controller.signal });
    await expect(planning).rejects.toThrow('Planning was cancelled.');
    expect(db.prepare('SELECT count(*) AS jobs FROM jobs').get()).toEqual({ jobs: 0 });
    expect(db.prepare('SELECT count(*) AS items FROM job_items').get()).toEqual({ items: 0 });
    db.close();
  });
});
