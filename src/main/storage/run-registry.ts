import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock } from '../clock.ts';

/** How often a live run says so, and after how long without a word it counts as gone. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

export interface RunRegistryDeps {
  clock: Clock;
  /** "app" or "cli", for people reading the table. */
  kind: string;
  pid?: number;
  host?: string;
  /** Whether a process of this machine is still running (process.kill(pid, 0) by default). */
  isAlive?: (pid: number) => boolean;
}

/**
 * Every process that uses the database (the app, each CLI run) registers a run and keeps a
 * heartbeat. Crash recovery asks which runs are gone, so it never touches a live process's sends.
 */
export class RunRegistry {
  readonly id = randomUUID();
  readonly #deps: Required<RunRegistryDeps>;
  readonly #statements: { insert: StatementSync; beat: StatementSync; remove: StatementSync; all: StatementSync; one: StatementSync };
  #timer: NodeJS.Timeout | undefined;

  constructor(db: DatabaseSync, deps: RunRegistryDeps) {
    this.#deps = { pid: process.pid, host: hostname(), isAlive: processIsAlive, ...deps };
    this.#statements = {
      insert: db.prepare('INSERT INTO runs (id, pid, host, kind, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)'),
      beat: db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM runs WHERE id = ?'),
      all: db.prepare('SELECT id, pid, host, heartbeat_at FROM runs'),
      one: db.prepare('SELECT id, pid, host, kind, heartbeat_at FROM runs WHERE id = ?'),
    };
  }

  start(): void {
    const now = this.#deps.clock.now();
    this.#statements.insert.run(this.id, this.#deps.pid, this.#deps.host, this.#deps.kind, now, now);
    this.#timer = setInterval(() => {
      try {
        this.#statements.beat.run(this.#deps.clock.now(), this.id);
      } catch {
        // A busy database misses one beat; staleness allows for several.
      }
    }, HEARTBEAT_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#statements.remove.run(this.id);
  }

  /**
   * The runs still alive: this one, and others whose process exists on this machine (or, on
   * another machine sharing the folder, that beat recently) and whose heartbeat is fresh.
   */
  liveRunIds(): string[] {
    const now = this.#deps.clock.now();
    const rows = this.#statements.all.all() as { id: string; pid: number; host: string; heartbeat_at: number }[];
    return rows
      .filter((row) => row.id === this.id || (now - row.heartbeat_at < STALE_AFTER_MS && (row.host !== this.#deps.host || this.#deps.isAlive(row.pid))))
      .map((row) => row.id);
  }

  /**
   * Where a run stands, for job ownership: "live" (beating), "stalled" (its process still exists on
   * this machine but has not beaten for a while: stopped with Ctrl+Z or SIGSTOP, a closed laptop, a
   * zombie or a reused pid), or "gone". Null when no such run was ever registered (or it was forgotten).
   */
  status(runId: string): RunStatus | null {
    const row = this.#statements.one.get(runId) as { id: string; pid: number; host: string; kind: string; heartbeat_at: number } | undefined;
    if (!row) return null;
    return { pid: row.pid, host: row.host, kind: row.kind, heartbeatAt: row.heartbeat_at, state: this.#stateOf(row) };
  }

  /** Runs whose process may still act: live ones and stalled ones. Their jobs are never recovered behind their back. */
  presentRunIds(): string[] {
    const rows = this.#statements.all.all() as { id: string; pid: number; host: string; heartbeat_at: number }[];
    return rows.filter((row) => this.#stateOf(row) !== 'gone').map((row) => row.id);
  }

  /**
   * Removes the rows of runs that are gone (after their sends were recovered). A stalled run's row
   * stays, even if `live` leaves it out: its jobs are still its own until someone takes them over.
   */
  forgetDead(live: readonly string[]): void {
    const rows = this.#statements.all.all() as { id: string; pid: number; host: string; heartbeat_at: number }[];
    for (const row of rows) if (!live.includes(row.id) && this.#stateOf(row) === 'gone') this.#statements.remove.run(row.id);
  }

  #stateOf(row: { id: string; pid: number; host: string; heartbeat_at: number }): RunStatus['state'] {
    if (row.id === this.id) return 'live';
    const fresh = this.#deps.clock.now() - row.heartbeat_at < STALE_AFTER_MS;
    // Another machine sharing the folder: its pids mean nothing here, so only its heartbeat counts.
    if (row.host !== this.#deps.host) return fresh ? 'live' : 'gone';
    if (!this.#deps.isAlive(row.pid)) return 'gone';
    return fresh ? 'live' : 'stalled';
  }
}

export interface RunStatus {
  pid: number;
  host: string;
  /** "app" or "cli". */
  kind: string;
  heartbeatAt: number;
  state: 'live' | 'stalled' | 'gone';
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}
