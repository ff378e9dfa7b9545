import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PlanCheck, Violation } from '../../shared/plan.ts';
import type { PlanMark } from '../../shared/plan-overview.ts';

/** Kept with a mark: enough to say what was wrong, bounded whatever the schema produced. */
const MARK_VIOLATIONS_MAX = 50;

/**
 * What the tracking plan said about sends that went out anyway (plan_marks, one row per warned
 * send, written in the transaction of the send's first history row), and the sends it refused
 * (plan_blocks: name and time only, since a blocked send has no history row).
 */
export class PlanMarks {
  readonly #insert: StatementSync;
  readonly #block: StatementSync;
  readonly #get: StatementSync;
  readonly #prune: StatementSync;
  readonly #pruneHours: StatementSync;

  constructor(db: DatabaseSync) {
    this.#prune = db.prepare('DELETE FROM plan_blocks WHERE at < ?');
    // INDEXED BY: without statistics the planner would read every hour to find the few empty ones.
    this.#pruneHours = db.prepare('DELETE FROM send_hours INDEXED BY send_hours_empty WHERE sent <= 0');
    this.#insert = db.prepare('INSERT INTO plan_marks (send_id, verdict, violations, overridden) VALUES (?, ?, ?, ?) ON CONFLICT (send_id) DO NOTHING');
    this.#block = db.prepare('INSERT INTO plan_blocks (profile, name, at) VALUES (?, ?, ?)');
    this.#get = db.prepare('SELECT verdict, violations, overridden FROM plan_marks WHERE send_id = ?');
  }

  /** Called inside the transaction that writes the send's "sending" row (HistoryRepository.recordSending). */
  record(sendId: number, check: PlanCheck, overridden: boolean): void {
    const violations = check.violations.slice(0, MARK_VIOLATIONS_MAX).map((violation) => ({ path: violation.path.slice(0, 1000), message: violation.message.slice(0, 2000) }));
    this.#insert.run(sendId, check.verdict, JSON.stringify(violations), overridden ? 1 : 0);
  }

  /**
   * Forgets refusals older than the Plan view's window (30 days): they hold event names and count
   * nothing; and the hourly counts whose sends are all gone (retention, a changed outcome), which the
   * triggers leave at 0 rather than delete inside every send's write.
   */
  prune(before: number): number {
    return Number(this.#prune.run(before).changes) + Number(this.#pruneHours.run().changes);
  }

  /** A send the plan refused: counted, never sent. */
  blocked(profile: string, name: string, at: number): void {
    this.#block.run(profile, name, at);
  }

  get(sendId: number): PlanMark | null {
    const row = this.#get.get(sendId) as { verdict: string; violations: string; overridden: number } | undefined;
    if (!row) return null;
    return { verdict: row.verdict === 'block' ? 'block' : row.verdict === 'ok' ? 'ok' : 'warn', violations: readViolations(row.violations), overridden: row.overridden === 1 };
  }
}

/** A stored list read defensively: a damaged row shows no violations rather than failing the detail. */
function readViolations(text: string): Violation[] {
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter((item): item is Violation => typeof item?.path === 'string' && typeof item?.message === 'string').map((item) => ({ path: item.path.slice(0, 1000), message: item.message.slice(0, 2000) }));
  } catch {
    return [];
  }
}
