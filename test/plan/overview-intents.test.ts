import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanOverviewReader } from '../../src/main/plan/plan-overview.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-overview-intents-');
const NOW = Date.UTC(2026, 5, 30, 12);
let db: DatabaseSync | undefined;
afterEach(() => db?.close());

function reader(database: DatabaseSync): PlanOverviewReader {
  const plan = { dir: '/workspace', settings: { onlyPlannedEvents: false }, definitions: new Map(), problems: [] };
  return new PlanOverviewReader({ db: database, plan: async () => plan, now: () => NOW });
}

/** A finished send as SendService leaves it, with the plan's warning when `overridden` is given. */
function send(database: DatabaseSync, name: string, at: number, outcome: string, overridden?: boolean): number {
  const id = Number(database.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data) VALUES ('default', ?, ?, ?, ?, 1001, '{}')`).run(at, at, outcome, name).lastInsertRowid);
  if (overridden !== undefined) database.prepare(`INSERT INTO plan_marks (send_id, verdict, violations, overridden) VALUES (?, 'warn', '[]', ?)`).run(id, overridden ? 1 : 0);
  return id;
}

describe("the Plan view's warned count", () => {
  it('counts an outbox item as one intended send, however many attempts it took', async () => {
    db = openDatabase(join(temp(), 'history.sqlite'));
    // The person sent against the plan while HelpCrunch could not be reached: queued as item 7, tried
    // twice more by the outbox (each try checked and marked, without the person's say), then delivered.
    const first = send(db, 'Refund issued', NOW - 60_000, 'network_error', true);
    const retry = send(db, 'Refund issued', NOW - 50_000, 'network_error', false);
    const delivered = send(db, 'Refund issued', NOW - 40_000, 'sent', false);
    const link = db.prepare('INSERT INTO outbox_attempts (history_id, item, delivered_as) VALUES (?, 7, ?)');
    link.run(first, delivered);
    link.run(retry, delivered);
    // Item 8: still waiting after two attempts (no delivery yet).
    db.prepare('INSERT INTO outbox_attempts (history_id, item) VALUES (?, 8), (?, 8)').run(send(db, 'Refund issued', NOW - 30_000, 'network_error', false), send(db, 'Refund issued', NOW - 20_000, 'network_error', false));
    // Two sends of their own, each warned once.
    send(db, 'Refund issued', NOW - 10_000, 'sent', false);
    send(db, 'Refund issued', NOW - 5_000, 'sent', true);
    const refund = (await reader(db).overview('default')).activity.find((item) => item.name === 'Refund issued');
    // Four intended sends: item 7 (overridden by the person), item 8, and the two others (one overridden).
    expect(refund).toMatchObject({ warned: 4, overridden: 2, sends: 3 });
  });
});
