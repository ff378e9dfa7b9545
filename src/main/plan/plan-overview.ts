import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { OVERVIEW_DAYS, OVERVIEW_LIST_MAX, type EventActivity, type PlanOverview } from '../../shared/plan-overview.ts';
import type { LoadedPlan } from './workspace.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Events listed with their activity: every definition, then the busiest others. */
const ACTIVITY_MAX = 500;

export interface PlanOverviewDeps {
  db: DatabaseSync;
  /** The plan as the checker has it loaded (read again only when its files changed). */
  plan: () => Promise<LoadedPlan>;
  now: () => number;
}

/**
 * The Plan view's numbers for one account: each event's delivered sends per day over the last 30
 * days, the sends the plan warned about (plan_marks) or refused (plan_blocks), and the lists of
 * defined-but-never-sent and sent-but-undefined names. Delivered sends are read from their hourly
 * counts (send_hours, kept by triggers on sends), so the cost follows names × hours, not the number
 * of sends: a million sends in the window read as ~150,000 rows at most (bench/plan-overview.ts).
 */
export class PlanOverviewReader {
  readonly #deps: PlanOverviewDeps;
  readonly #statements: Record<'daily' | 'warned' | 'blocked' | 'lastSent' | 'names', StatementSync>;

  constructor(deps: PlanOverviewDeps) {
    this.#deps = deps;
    const { db } = deps;
    this.#statements = {
      // One name at a time, its hours in key order (profile, name, hour): grouping the whole window at
      // once sorted every row (~2× slower at a million sends). The window starts on an hour, so every
      // hour falls in one bucket (a whole day number: bound numbers may arrive as REAL).
      daily: db.prepare(`SELECT CAST((hour * ${HOUR_MS} - :since) / :day AS INTEGER) AS day, sum(sent) AS n, max(newest) AS last
        FROM send_hours WHERE profile = :profile AND name = :name AND hour >= :hour AND sent > 0 GROUP BY day`),
      // One intended send counts once: an outbox item's attempts (each checked and marked as it went
      // out) and the send it was finally delivered as are one send, overridden if any of them was.
      // The window's marks only, through (profile, at, name, overridden); the outbox lookups are by key.
      warned: db.prepare(`SELECT name, count(*) AS n, sum(overridden) AS overridden FROM (
          SELECT m.name AS name, max(m.overridden) AS overridden
          FROM plan_marks m LEFT JOIN outbox_attempts a ON a.history_id = m.send_id
          WHERE m.profile = :profile AND m.at >= :since
          GROUP BY m.name, coalesce(a.item, (SELECT d.item FROM outbox_attempts d WHERE d.delivered_as = m.send_id LIMIT 1), -m.send_id))
        GROUP BY name`),
      blocked: db.prepare('SELECT name, count(*) AS n FROM plan_blocks WHERE profile = ? AND at >= ? GROUP BY name'),
      // Newest first through (profile, name, id): stops at the first delivered one. (`+outcome`: not
      // through (profile, outcome, id), which would walk every newer delivery of other names.)
      lastSent: db.prepare(`SELECT created_at AS at FROM sends WHERE profile = ? AND name = ? AND +outcome = 'sent' ORDER BY id DESC LIMIT 1`),
      names: db.prepare('SELECT name, last_used AS last FROM event_names WHERE profile = ? ORDER BY last_used DESC'),
    };
  }

  async overview(profile: string): Promise<PlanOverview> {
    const plan = await this.#deps.plan();
    // 30 buckets of 24 hours; the last ends with the current hour, so the window starts on an hour
    // (what the hourly counts can split exactly) and "now" is in the last bucket.
    const hour = Math.floor(this.#deps.now() / HOUR_MS) + 1 - (OVERVIEW_DAYS * DAY_MS) / HOUR_MS;
    const since = hour * HOUR_MS;
    const activity = new Map<string, EventActivity>();
    const entry = (name: string) => {
      let found = activity.get(name);
      if (!found) {
        found = { name, sends: 0, warned: 0, overridden: 0, blocked: 0, lastSent: null, daily: Array.from({ length: OVERVIEW_DAYS }, () => 0) };
        activity.set(name, found);
      }
      return found;
    };
    for (const name of plan.definitions.keys()) entry(name);
    const { daily, warned, blocked, lastSent, names } = this.#statements;
    // Every name the account used, newest first; one last used before the window has no sends in it.
    const usedNames = names.all(profile) as { name: string; last: number }[];
    for (const { name, last } of usedNames) {
      if (last < since) break;
      for (const row of daily.all({ profile, name, since, day: DAY_MS, hour }) as { day: number; n: number; last: number }[]) {
        const item = entry(name);
        const day = Math.min(OVERVIEW_DAYS - 1, Math.max(0, row.day));
        item.daily[day] = (item.daily[day] ?? 0) + row.n;
        item.sends += row.n;
        item.lastSent = Math.max(item.lastSent ?? 0, row.last);
      }
    }
    for (const row of warned.all({ profile, since }) as { name: string; n: number; overridden: number | null }[]) {
      const item = entry(row.name);
      item.warned = row.n;
      item.overridden = row.overridden ?? 0;
    }
    for (const row of blocked.all(profile, since) as { name: string; n: number }[]) entry(row.name).blocked = row.n;
    // A defined event not sent in the window may have been sent before it.
    for (const name of plan.definitions.keys()) {
      const item = entry(name);
      if (item.lastSent === null) item.lastSent = (lastSent.get(profile, name) as { at: number } | undefined)?.at ?? null;
    }
    const used = usedNames.map((row) => row.name);
    const usedSet = new Set(used);
    const definitions = [...plan.definitions.values()]
      .map(({ definition, file }) => ({ name: definition.name, description: definition.description, owner: definition.owner, status: definition.status, enforcement: definition.enforcement, file }))
      .toSorted((a, b) => a.name.localeCompare(b.name));
    const defined = new Set(definitions.map((definition) => definition.name));
    const others = [...activity.values()].filter((item) => !defined.has(item.name)).toSorted((a, b) => b.sends + b.warned + b.blocked - (a.sends + a.warned + a.blocked) || a.name.localeCompare(b.name));
    return {
      dir: plan.dir,
      onlyPlannedEvents: plan.settings.onlyPlannedEvents,
      definitions,
      problems: plan.problems,
      activity: [...definitions.map((definition) => activity.get(definition.name)!), ...others].slice(0, ACTIVITY_MAX),
      neverSent: definitions.filter((definition) => !usedSet.has(definition.name)).map((definition) => definition.name).slice(0, OVERVIEW_LIST_MAX),
      notPlanned: used.filter((name) => !defined.has(name)).slice(0, OVERVIEW_LIST_MAX),
      since,
      dayMs: DAY_MS,
    };
  }
}
