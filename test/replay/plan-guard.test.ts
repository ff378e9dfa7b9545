import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { fingerprint } from '../../src/main/replay/fingerprint.ts';
import { PlanGuard, type GuardQuestion } from '../../src/main/replay/plan-guard.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The plan's duplicate guard answers as HistoryRepository.guardMatch does, whether it looks a batch
// up in the index or has read history's keys first (and then sees sends made after it read them).
const temp = tempFoldersFor('event-desk-plan-guard-');
const event = (n: number) => ({ name: 'Guarded', customer: 1001, data: { n } });
const question = (n: number): GuardQuestion => ({ name: 'Guarded', customer: 1001, dataJson: JSON.stringify(event(n).data), fingerprint: fingerprint(event(n)) });

function history() {
  const db = openDatabase(join(temp(), 'history.sqlite'));
  const insert = db.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, disposition, name, customer, data, event_id, fingerprint) VALUES ('default', ?, ?, ?, ?, 'Guarded', 1001, ?, ?, ?)`);
  const send = (n: number, outcome: string, disposition: string | null) => insert.run(n, n, outcome, disposition, JSON.stringify(event(n).data), outcome === 'sent' ? 7000 + n : null, fingerprint(event(n)));
  return { db, repository: new HistoryRepository(db), send };
}

describe('the plan\'s duplicate guard', () => {
  it('gives guardMatch\'s answers, before and after it reads history whole, and sees sends made since', () => {
    const { db, repository, send } = history();
    // 40 sends: every kind, then many the plan never asks about.
    const kinds = ['sent', 'unknown', 'sending', 'rejected', 'not_found'] as const;
    for (let n = 0; n < 40; n += 1) send(n, kinds[n % kinds.length]!, kinds[n % kinds.length] === 'unknown' ? 'maybe-landed' : null);
    send(1, 'sending', null); // the latest send of event 1 is in flight
    const guard = new PlanGuard(db, repository, 'default');
    const expected = (numbers: number[]) => new Map(numbers.flatMap((n) => {
      const match = repository.guardMatch('default', fingerprint(event(n)), event(n));
      return match ? [[fingerprint(event(n)), match] as const] : [];
    }));
    // 3 questions against 41 sends: looked up in the index.
    expect(guard.matches([0, 1, 2].map(question))).toEqual(expected([0, 1, 2]));
    expect(guard.matches([0, 1, 2].map(question)).get(fingerprint(event(1)))).toMatchObject({ state: 'in-flight' });
    // Enough questions that reading history whole is cheaper: read, then only candidates looked up.
    const many = Array.from({ length: 60 }, (_, n) => n);
    expect(guard.matches(many.map(question))).toEqual(expected(many));
    // A send recorded after history was read is seen by the next batch.
    send(55, 'sent', 'delivered');
    expect(guard.matches([55, 56].map(question))).toEqual(expected([55, 56]));
    expect(guard.matches([55].map(question)).get(fingerprint(event(55)))).toMatchObject({ state: 'delivered', eventId: 7055 });
    db.close();
  });
});
