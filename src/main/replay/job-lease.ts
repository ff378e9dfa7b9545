import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { describeHolder, type JobHolder, type JobState } from '../../shared/jobs.ts';
import type { Clock } from '../clock.ts';
import type { RunStatus } from '../storage/run-registry.ts';
import { transaction } from '../storage/transaction.ts';

/** How long a claim holds without renewal, and how often a running owner renews it. */
export const LEASE_MS = 30_000;

/**
 * What a runner holds while it runs a job: its run and the fencing number its claim got. Every
 * write that acts for the owner (an item "sending", its result, the final state) must still match
 * both, so a process that wakes after losing the job can no longer send or overwrite anything.
 */
export interface Lease {
  runId: string;
  epoch: number;
}

/** This process's run and where the others stand (RunRegistry). */
export interface RunLookup {
  readonly id: string;
  status(runId: string): RunStatus | null;
}

export type Claim =
  | { taken: true; lease: Lease; /** Items the previous owner had in flight, now "unknown". */ inFlight: number; /** The stalled process it was taken from. */ from: JobHolder | null }
  | { taken: false; reason: 'not_found' | 'state' | 'busy' | 'stalled'; state: JobState | null; holder: JobHolder | null };

const STARTABLE: readonly JobState[] = ['planned', 'paused', 'interrupted', 'cancelled', 'finished'];
const IN_FLIGHT_NOTE = 'The process that held this job may have sent it before it was taken over: it may or may not have reached HelpCrunch.';

/** Job ownership: claims with a fencing number, lease renewal, and who holds a job (for lists and prompts). */
export class JobLeases {
  readonly #runs: RunLookup;
  readonly #clock: Clock;
  readonly #db: DatabaseSync;
  readonly #s: Record<'row' | 'take' | 'inFlight' | 'renew', StatementSync>;
  readonly leaseMs: number;

  constructor(db: DatabaseSync, runs: RunLookup, clock: Clock, leaseMs = LEASE_MS) {
    this.#db = db;
    this.#runs = runs;
    this.#clock = clock;
    this.leaseMs = leaseMs;
    this.#s = {
      row: db.prepare('SELECT state, owner_run, lease_until FROM jobs WHERE id = ?'),
      take: db.prepare(`UPDATE jobs SET state = 'running', owner_run = ?, lease_epoch = lease_epoch + 1, lease_until = ?, note = ?, updated_at = ? WHERE id = ? RETURNING lease_epoch`),
      inFlight: db.prepare(`UPDATE job_items SET state = 'unknown', error = ?, updated_at = ? WHERE job_id = ? AND state = 'sending'`),
      renew: db.prepare(`UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' AND owner_run = ? AND lease_epoch = ?`),
    };
  }

  /**
   * Takes the job for this run, in one write transaction. A job nobody holds, or whose owner's
   * process is gone, is taken at once. One held by a process that still exists here but has gone
   * quiet (its lease lapsed, or its heartbeat) is taken only with `takeOver`; one whose owner is
   * running it is never taken. Whatever the previous owner had in flight becomes "unknown": it may
   * have been sent, so it is never sent again on its own.
   */
  claim(jobId: number, options: { takeOver?: boolean } = {}): Claim {
    return transaction(this.#db, (): Claim => {
      const now = this.#clock.now();
      const row = this.#s.row.get(jobId) as { state: JobState; owner_run: string | null; lease_until: number | null } | undefined;
      if (!row) return { taken: false, reason: 'not_found', state: null, holder: null };
      let from: JobHolder | null = null;
      if (row.state === 'running') {
        if (row.owner_run === this.#runs.id) return { taken: false, reason: 'busy', state: row.state, holder: null };
        const holder = row.owner_run === null ? null : this.holderOf(row.owner_run, row.lease_until);
        if (holder && !holder.stalled) return { taken: false, reason: 'busy', state: row.state, holder };
        if (holder && !options.takeOver) return { taken: false, reason: 'stalled', state: row.state, holder };
        from = holder;
      } else if (!STARTABLE.includes(row.state)) return { taken: false, reason: 'state', state: row.state, holder: null };
      const note = from ? `Taken over from ${describeHolder(from)}.` : null;
      const { lease_epoch: epoch } = this.#s.take.get(this.#runs.id, now + this.leaseMs, note, now, jobId) as { lease_epoch: number };
      const inFlight = Number(this.#s.inFlight.run(IN_FLIGHT_NOTE, now, jobId).changes);
      return { taken: true, lease: { runId: this.#runs.id, epoch }, inFlight, from };
    });
  }

  /** Extends the lease; false when the job is no longer this lease's (taken over, or cancelled elsewhere). */
  renew(jobId: number, lease: Lease): boolean {
    return Number(this.#s.renew.run(this.#clock.now() + this.leaseMs, jobId, lease.runId, lease.epoch).changes) === 1;
  }

  /**
   * The other process holding a running job, while it exists: running it (lease and heartbeat
   * fresh) or stalled (stopped, asleep, hung: it may wake and must not be taken from silently).
   * Null when this process holds it, or its owner is gone.
   */
  holderOf(ownerRun: string, leaseUntil: number | null): JobHolder | null {
    if (ownerRun === this.#runs.id) return null;
    const status: RunStatus | null = this.#runs.status(ownerRun);
    if (!status || status.state === 'gone') return null;
    const now = this.#clock.now();
    const leaseLapsed = leaseUntil === null || leaseUntil <= now;
    return { pid: status.pid, host: status.host, kind: status.kind, stalled: status.state === 'stalled' || leaseLapsed, silentForMs: Math.max(0, now - status.heartbeatAt) };
  }
}
