import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../src/main/storage/database.ts';
import { migrations } from '../src/main/storage/migrations.ts';
import { seededRandom } from '../tools/seeded-random.ts';

const NAMES = ['Refund issued', 'Call made', 'Plan upgraded', 'Plan downgraded', 'Invoice sent', 'Password reset', 'Onboarding call', 'Feature requested', 'Bug reported', 'Trial extended', 'Coupon applied', 'Subscription cancelled', 'Demo booked', 'Webinar attended', 'Survey answered'];
const NOTES = ['damaged item', 'late delivery', 'wrong size', 'customer asked twice', 'escalated to tier 2', 'Crème brûlée arrived cold', 'Zoë called back', 'resolved on first call', 'needs follow-up', 'VIP account'];
const OUTCOMES: [string, number][] = [['sent', 0.9], ['rejected', 0.02], ['not_found', 0.02], ['rate_limited', 0.02], ['server_error', 0.015], ['network_error', 0.01], ['timeout', 0.005], ['unknown', 0.01]];

function pickOutcome(r: number): string {
  let sum = 0;
  for (const [outcome, share] of OUTCOMES) {
    sum += share;
    if (r < sum) return outcome;
  }
  return 'sent';
}

/**
 * Inserts `count` realistic finished sends over the year before `end`, in batches of one
 * transaction each, through the real schema (so the FTS and name triggers do their work).
 */
export function seedHistory(db: DatabaseSync, count: number, end: number): void {
  const next = seededRandom(7);
  const insert = db.prepare(
    `INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data, http_status, response_body, message, errors, event_id, event_created_at, attempts, duration_ms)
     VALUES ('default', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = end - 365 * 86_400_000;
  const step = (end - start) / count;
  const batch = 10_000;
  for (let done = 0; done < count; done += batch) {
    db.exec('BEGIN');
    for (let i = done; i < Math.min(count, done + batch); i += 1) {
      const at = Math.round(start + i * step);
      const name = NAMES[Math.floor(next() * NAMES.length)]!;
      const customer = 1001 + Math.floor(next() * 5000);
      const data = { amount: Math.round(next() * 20000) / 100, currency: 'EUR', note: NOTES[Math.floor(next() * NOTES.length)], agent: `agent-${Math.floor(next() * 40)}` };
      const outcome = pickOutcome(next());
      const dataText = JSON.stringify(data);
      let status: number | null = 200;
      let body: string | null = null;
      let message: string | null = null;
      let errors = '[]';
      let eventId: number | null = null;
      if (outcome === 'sent') {
        eventId = 500_000 + i;
        body = JSON.stringify({ id: eventId, name, data, createdAt: String(Math.floor(at / 1000)) });
      } else if (outcome === 'rejected') {
        status = 400;
        errors = JSON.stringify([{ code: 'data.amount', message: 'This value should be of type string.' }]);
        body = JSON.stringify({ errors: [{ code: 'invalid_request', message: 'Invalid request' }, ...JSON.parse(errors)] });
        message = 'HelpCrunch rejected the event (400): data.amount: This value should be of type string. Correct it before sending again.';
      } else if (outcome === 'not_found') {
        status = 404;
        body = '{"errors":[{"code":"not_found","message":"Customer not found"}]}';
        message = `HelpCrunch has no customer with id ${customer} (404). Check the customer id.`;
      } else if (outcome === 'rate_limited') {
        status = 429;
        body = '{"errors":[{"code":"too_many_requests","message":"Too many requests"}]}';
        message = "HelpCrunch's rate limit (120 requests per minute for the account) was still exceeded after 5 attempts. Wait a minute, then send again.";
      } else if (outcome === 'server_error') {
        status = 503;
        body = '<html><body>Service Unavailable</body></html>';
        message = 'HelpCrunch had a server error (503) after 5 attempts: Service Unavailable. Try again later.';
      } else {
        status = null;
        message = outcome === 'unknown' ? 'Event Desk closed before HelpCrunch answered.' : 'Could not reach api.helpcrunch.com (ECONNRESET). Check your internet connection.';
      }
      insert.run(at, at + 120, outcome, name, customer, dataText, status, body, message, errors, eventId, eventId ? at : null, outcome === 'sent' ? 1 : 5, 80 + Math.floor(next() * 400));
    }
    db.exec('COMMIT');
  }
}

/**
 * A history as the release before the background backfill left it: its schema, and `count` finished
 * sends without fingerprints, in one bulk INSERT (seconds at a million). Every 50th row was rejected
 * and every 97th has an unknown outcome; the rest were delivered: row i is "Refund issued" for
 * customer 1000 + i % 5000 with data {amount: i, currency: "EUR"}. The full-text trigger is set aside
 * while seeding (it would index every row) and put back as it was; text search is not measured here.
 */
export function seedOldHistory(folder: string, count: number): void {
  const db = new DatabaseSync(join(folder, 'history.sqlite'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  migrate(db, migrations.slice(0, migrations.findIndex((step) => step.includes("'fingerprint_backfill'"))));
  const trigger = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'sends_fts_insert'`).get() as { sql: string }).sql;
  db.exec('BEGIN; DROP TRIGGER sends_fts_insert;');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data, http_status, event_id, attempts, indexed)
     SELECT 'default', 1700000000000 + i * 1000, 1700000000000 + i * 1000,
            CASE WHEN i % 50 = 0 THEN 'rejected' WHEN i % 97 = 0 THEN 'unknown' ELSE 'sent' END,
            'Refund issued', 1000 + i % 5000, json_object('currency', 'EUR', 'amount', i), 200, 500000 + i, 1, 1
     FROM n`,
  ).run(count);
  db.exec(`${trigger}; COMMIT; PRAGMA wal_checkpoint(TRUNCATE);`);
  db.close();
}

/**
 * A history of the current schema for the scroll benchmark: `count` finished sends in one bulk
 * INSERT (about 10 s at a million, and as long again for the full-text index) with the variety the
 * table shows — 15 event names, 5,000 customers (every third known by name and email), every outcome
 * and disposition, a year of dates, response bodies. Fingerprints are left empty with the backfill
 * marked done (the table does not read them); the indexes and the full-text index are built once the
 * rows are in.
 */
export function seedScrollHistory(folder: string, count: number, end = Date.UTC(2026, 10, 25)): void {
  const db = new DatabaseSync(join(folder, 'history.sqlite'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  migrate(db);
  const trigger = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'sends_fts_insert'`).get() as { sql: string }).sql;
  const names = `json('${JSON.stringify(NAMES).replaceAll("'", "''")}')`;
  const notes = `json('${JSON.stringify(NOTES).replaceAll("'", "''")}')`;
  const start = end - 365 * 86_400_000;
  // Indexes built once after the insert are several times faster than kept up row by row.
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sends' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
  db.exec('BEGIN; DROP TRIGGER sends_fts_insert;');
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT OR IGNORE INTO known_customers (profile, id, name, email)
     SELECT 'default', 1000 + i * 3, 'Customer ' || (1000 + i * 3), 'customer' || (1000 + i * 3) || '@example.com' FROM n`,
  ).run(Math.ceil(5000 / 3));
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count),
     r AS (SELECT i, (i * 2654435761) % 1000 AS roll, CAST(:start AS INTEGER) + i * CAST(:step AS INTEGER) AS at FROM n),
     o AS (SELECT i, at, CASE WHEN roll < 900 THEN 'sent' WHEN roll < 920 THEN 'rejected' WHEN roll < 940 THEN 'not_found'
                  WHEN roll < 960 THEN 'rate_limited' WHEN roll < 975 THEN 'server_error' WHEN roll < 985 THEN 'network_error'
                  WHEN roll < 990 THEN 'timeout' ELSE 'unknown' END AS outcome FROM r)
     INSERT INTO sends (profile, created_at, updated_at, outcome, disposition, name, customer, data, http_status, response_body, message, event_id, event_created_at, attempts, duration_ms, indexed)
     SELECT 'default', at, at + 120, outcome,
            CASE outcome WHEN 'sent' THEN 'delivered' WHEN 'rejected' THEN 'rejected' WHEN 'not_found' THEN 'rejected' WHEN 'rate_limited' THEN 'not-sent' ELSE 'maybe-landed' END,
            ${names} ->> ((i * 7) % 15), 1001 + (i * 13) % 5000,
            json_object('amount', (i % 20000) / 100.0, 'currency', 'EUR', 'note', ${notes} ->> (i % 10), 'agent', 'agent-' || (i % 40)),
            CASE outcome WHEN 'sent' THEN 200 WHEN 'rejected' THEN 400 WHEN 'not_found' THEN 404 WHEN 'rate_limited' THEN 429 WHEN 'server_error' THEN 503 ELSE NULL END,
            CASE outcome WHEN 'sent' THEN json_object('id', 500000 + i, 'createdAt', CAST(at / 1000 AS TEXT)) WHEN 'not_found' THEN '{"errors":[{"code":"not_found","message":"Customer not found"}]}' ELSE NULL END,
            CASE outcome WHEN 'sent' THEN NULL WHEN 'unknown' THEN 'Event Desk closed before HelpCrunch answered.' ELSE 'HelpCrunch did not take the event.' END,
            CASE outcome WHEN 'sent' THEN 500000 + i ELSE NULL END, CASE outcome WHEN 'sent' THEN at ELSE NULL END,
            CASE outcome WHEN 'sent' THEN 1 ELSE 5 END, 80 + (i * 31) % 400, 1
     FROM o`,
  ).run({ count, start, step: Math.floor((end - start) / count) });
  for (const index of indexes) db.exec(index.sql);
  // The full-text index in one pass (faster than row by row), so search and delete work as on a real history.
  db.exec(`${trigger}; INSERT INTO sends_fts (sends_fts) VALUES ('rebuild'); COMMIT; PRAGMA wal_checkpoint(TRUNCATE);`);
  db.close();
}
