import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { OVERVIEW_DAYS, OVERVIEW_LIST_MAX, type EventActivity, type PlanOverview } from '../../shared/plan-overview.ts';
import type { LoadedPlan } from './workspace.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
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
 * defined-but-never-sent and sent-but-undefined names. Every query is led by the profile and the
 * window's start, so it reads the window's rows only, whatever the size of the history.
 */
export class PlanOverviewReader {
  readonly #deps: PlanOverviewDeps;
  readonly #statements: Record<'daily' | 'warned' | 'blocked' | 'lastSent' | 'names', StatementSync>;

  constructor(deps: PlanOverviewDeps) {
    this.#deps = deps;
    const { db } = deps;
    this.#statements = {
      // A whole day number (bound numbers may arrive as REAL, which would divide into fractions).
      daily: db.prepare(`SELECT name, CAST((created_at - :since) / :day AS INTEGER) AS day, count(*) AS n, max(created_at) AS last
        FROM sends WHERE profile = :profile AND created_at >= :since AND outcome = 'sent' GROUP BY name, day`),
      warned: db.prepare(`SELECT s.name AS name, count(*) AS n, sum(m.overridden) AS overridden
        FROM sends s JOIN plan_marks m ON m.send_id = s.id WHERE s.profile = ? AND s.created_at >= ? GROUP BY s.name`),
      blocked: db.prepare('SELECT name, count(*) AS n FROM plan_blocks WHERE profile = ? AND at >= ? GROUP BY name'),
      // Newest first through (profile, name, id): stops at the first delivered one.
      lastSent: db.prepare(`SELECT created_at AS at FROM sends WHERE profile = ? AND name = ? AND outcome = 'sent' ORDER BY id DESC LIMIT 1`),
      names: db.prepare('SELECT name FROM event_names WHERE profile = ? ORDER BY last_used DESC'),
    };
  }

  async overview(profile: string): Promise<PlanOverview> {
    const plan = await this.#deps.plan();
    // The window ends with the current day's bucket: 30 buckets of 24 hours, the last ending now.
    const now = this.#deps.now();
    const since = Math.floor(now - OVERVIEW_DAYS * DAY_MS) + 1;
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
    for (const row of daily.all({ profile, since, day: DAY_MS }) as { name: string; day: number; n: number; last: number }[]) {
      const item = entry(row.name);
      const day = Math.min(OVERVIEW_DAYS - 1, Math.max(0, row.day));
      item.daily[day] = (item.daily[day] ?? 0) + row.n;
      item.sends += row.n;
      item.lastSent = Math.max(item.lastSent ?? 0, row.last);
    }
    for (const row of warned.all(profile, since) as { name: string; n: number; overridden: number | null }[]) {
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
    const used = (names.all(profile) as { name: string }[]).map((row) => row.name);
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
