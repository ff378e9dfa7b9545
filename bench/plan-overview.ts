// The Plan view's numbers at a million sends (issue 20, "Overview speed"): `node bench/plan-overview.ts`
// on its own, or with the rest from bench/run.ts. A real SQLite history of the schema before the hourly
// counts, upgraded the way an existing install is (the figure is the one-off upgrade cost), then the
// overview as the app reads it beside the query it replaced, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PlanOverviewReader } from '../src/main/plan/plan-overview.ts';
import { Workspace } from '../src/main/plan/workspace.ts';
import { migrate, openDatabase } from '../src/main/storage/database.ts';
import { migrations } from '../src/main/storage/migrations.ts';
import type { EventDefinition } from '../src/shared/plan.ts';
import { check } from './targets.ts';
import { ms, summarize } from './stats.ts';

const SENDS = Number(process.env.BENCH_OVERVIEW_SENDS ?? 1_000_000);
const RUNS = 15;
const NAMES = 199;
const DAY = 86_400_000;
/** The target: the Plan view opens in well under a second (the rest is rendering 50 small charts). */
const TARGET_MS = 200;

/** The overview's delivered-per-day query before the hourly counts: every send of the window, grouped. */
const OLD_DAILY = `SELECT name, CAST((created_at - :since) / :day AS INTEGER) AS day, count(*) AS n, max(created_at) AS last
  FROM sends WHERE profile = :profile AND created_at >= :since AND outcome = 'sent' GROUP BY name, day`;
const OLD_WARNED = `SELECT s.name AS name, count(*) AS n, sum(m.overridden) AS overridden
  FROM sends s JOIN plan_marks m ON m.send_id = s.id WHERE s.profile = :profile AND s.created_at >= :since GROUP BY s.name`;

/**
 * `count` sends of the schema before send_hours: 90% within the 30 days before `end`, the rest over the
 * 11 months before; 200 names (the first 50 defined), 90% delivered; one in 40 warned (plan_marks), every
 * 500th of those an outbox item's second attempt; 2,000 refusals (plan_blocks). One bulk INSERT with the
 * full-text trigger and the indexes set aside (text search is not read here), indexes built once after.
 */
export function seedOverviewHistory(path: string, count: number, end: number): number {
  const started = performance.now();
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  migrate(db, migrations.slice(0, migrations.findIndex((step) => step.includes('CREATE TABLE send_hours'))));
  const trigger = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'sends_fts_insert'`).get() as { sql: string }).sql;
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sends' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
  db.exec('BEGIN; DROP TRIGGER sends_fts_insert;');
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
     INSERT INTO sends (profile, created_at, updated_at, outcome, disposition, name, customer, data, http_status, event_id, attempts, duration_ms, indexed)
     SELECT 'default', at, at + 120, CASE WHEN i % 10 = 3 THEN 'network_error' ELSE 'sent' END, CASE WHEN i % 10 = 3 THEN 'not-sent' ELSE 'delivered' END,
            'Event ' || ((i * 7919) % ${NAMES}), 1001 + (i * 13) % 5000, json_object('amount', (i % 20000) / 100.0, 'currency', 'EUR'),
            200, 500000 + i, 1, 80 + (i * 31) % 400, 1
     FROM (SELECT i, CASE WHEN i % 10 = 0 THEN CAST(:end AS INTEGER) - 365 * ${DAY} + (i / 10) * CAST(:oldStep AS INTEGER)
                         ELSE CAST(:end AS INTEGER) - 30 * ${DAY} + i * CAST(:step AS INTEGER) END AS at FROM n)
     ORDER BY at`,
  ).run({ count, end, step: Math.floor((30 * DAY) / count), oldStep: Math.floor((335 * DAY) / (count / 10)) });
  db.exec(`INSERT INTO plan_marks (send_id, verdict, violations, overridden)
           SELECT id, 'warn', '[{"path":"data.amount","message":"expected string"}]', id % 3 = 0 FROM sends WHERE id % 40 = 7`);
  db.exec(`INSERT INTO outbox_attempts (history_id, item, delivered_as) SELECT id, id, id + 40 FROM sends WHERE id % 20000 = 7`);
  db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
              INSERT INTO plan_blocks (profile, name, at) SELECT 'default', 'Event ' || (i % 50), CAST(:end AS INTEGER) - i * 1000000 FROM n`).run({ end });
  for (const index of indexes) db.exec(index.sql);
  db.exec(`${trigger}; COMMIT;`);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return (performance.now() - started) / 1000;
}

/** A 50-definition workspace: the 50 busiest-named events, as a team would define them. */
async function writeWorkspace(dir: string): Promise<Workspace> {
  const workspace = new Workspace(dir);
  const schema = { type: 'object', required: ['amount'], properties: { amount: { type: 'number', minimum: 0 }, currency: { type: 'string', enum: ['EUR', 'USD'] } } };
  for (let n = 0; n < 50; n += 1) {
    const definition: EventDefinition = { name: `Event ${n}`, description: 'Benchmark definition', owner: 'bench', status: 'active', enforcement: 'warn', schema };
    await workspace.write(definition);
  }
  return workspace;
}

async function timed(run: () => unknown | Promise<unknown>, runs = RUNS): Promise<{ median: number; p95: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

/** Seeds, upgrades, and prints the overview's time beside the query it replaced; returns whether the target was met. */
export async function benchPlanOverview(count = SENDS): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-overview-'));
  try {
    const path = join(folder, 'history.sqlite');
    const end = Date.UTC(2026, 10, 25, 12, 30);
    const seedSeconds = seedOverviewHistory(path, count, end);
    // The upgrade as an existing install meets it: openDatabase runs the pending steps (send_hours filled once).
    let started = performance.now();
    const db = openDatabase(path);
    const upgradeMs = performance.now() - started;
    try {
      const workspace = await writeWorkspace(join(folder, 'workspace'));
      const plan = await workspace.load();
      const reader = new PlanOverviewReader({ db, plan: async () => plan, now: () => end });
      const stats = db.prepare(`SELECT (SELECT count(*) FROM sends) AS sends, (SELECT count(*) FROM sends WHERE created_at > :since) AS window,
        (SELECT count(*) FROM plan_marks) AS marks, (SELECT count(*) FROM plan_blocks) AS blocks, (SELECT count(*) FROM send_hours) AS hours`).get({ since: end - 30 * DAY }) as Record<string, number>;
      const overview = await reader.overview('default');
      const current = await timed(() => reader.overview('default'));
      const since = end - 30 * DAY + 1;
      const oldDaily = db.prepare(OLD_DAILY);
      const oldWarned = db.prepare(OLD_WARNED);
      const previous = await timed(() => [oldDaily.all({ profile: 'default', since, day: DAY }), oldWarned.all({ profile: 'default', since })], 5);
      // The obvious middle way: a covering index for the old query (built here, then dropped).
      started = performance.now();
      db.exec('CREATE INDEX bench_sends_overview ON sends (profile, created_at, name, outcome)');
      const indexMs = performance.now() - started;
      const covered = await timed(() => oldDaily.all({ profile: 'default', since, day: DAY }), 5);
      db.exec('DROP INDEX bench_sends_overview');
      // What the triggers add to a send's two history writes ("sending", then its outcome), each its own transaction.
      const writes = (label: string) => {
        const insert = db.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data, indexed) VALUES ('bench', ?, ?, 'sending', ?, 1001, '{"amount":1}', 0)`);
        const finish = db.prepare(`UPDATE sends SET outcome = 'sent', updated_at = ? WHERE id = ?`);
        const times: number[] = [];
        for (let i = 0; i < 2000; i += 1) {
          const at = end - 1000 + i;
          const t0 = performance.now();
          db.exec('BEGIN');
          const id = insert.run(at, at, `Event ${i % NAMES}`).lastInsertRowid;
          db.exec('COMMIT; BEGIN');
          finish.run(at, id);
          db.exec('COMMIT');
          times.push(performance.now() - t0);
        }
        db.exec(`DELETE FROM sends WHERE profile = 'bench'`);
        return { label, ...summarize(times) };
      };
      const withCounts = writes('with the hourly counts');
      const saved = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'send_hours_%'`).all() as { name: string; sql: string }[]);
      for (const trigger of saved) db.exec(`DROP TRIGGER ${trigger.name}`);
      const withoutCounts = writes('without them');
      for (const trigger of saved) db.exec(trigger.sql);

      const refund = overview.activity[0]!;
      console.log(`\n## Plan view at ${count.toLocaleString('en')} sends (50 definitions, ${NAMES} names)`);
      console.log(`Seeded in ${seedSeconds.toFixed(1)} s: ${stats.sends!.toLocaleString('en')} sends, ${stats.window!.toLocaleString('en')} in the last 30 days, ${stats.marks!.toLocaleString('en')} warned, ${stats.blocks!.toLocaleString('en')} refused; ${stats.hours!.toLocaleString('en')} hourly rows.`);
      console.log(`Upgrade (opening the older history: send_hours filled once): ${(upgradeMs / 1000).toFixed(2)} s. A covering index (profile, created_at, name, outcome) would build in ${(indexMs / 1000).toFixed(2)} s.`);
      console.log(`Overview: ${overview.activity.length} events listed; "${refund.name}": ${refund.sends.toLocaleString('en')} delivered, ${refund.warned} warned, ${refund.blocked} refused.`);
      console.log('| read | median | p95 |');
      console.log('| --- | --- | --- |');
      console.log(`| overview (hourly counts, whole PlanOverviewReader.overview) | ${ms(current.median)} | ${ms(current.p95)} |`);
      console.log(`| previous queries (daily + warned over the window's sends) | ${ms(previous.median)} | ${ms(previous.p95)} |`);
      console.log(`| previous daily query with a covering index | ${ms(covered.median)} | ${ms(covered.p95)} |`);
      console.log('| a send\'s two history writes (2,000 sends, a transaction each) | median | p95 |');
      console.log('| --- | --- | --- |');
      for (const row of [withCounts, withoutCounts]) console.log(`| ${row.label} | ${ms(row.median)} | ${ms(row.p95)} |`);
      return check({ name: `Plan view at ${count.toLocaleString('en')} sends`, value: current.median, floor: null, unit: 'ms', limit: TARGET_MS });
    } finally {
      db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { summarizeTargets } = await import('./targets.ts');
  await benchPlanOverview();
  process.exitCode = summarizeTargets(process.argv.includes('--smoke')) === 0 ? 0 : 1;
}
