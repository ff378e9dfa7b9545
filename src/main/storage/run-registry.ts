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
  readonly #statements: { insert: StatementSync; beat: StatementSync; remove: StatementSync; all: StatementSync };
  #timer: NodeJS.Timeout | undefined;

  constructor(db: DatabaseSync, deps: RunRegistryDeps) {
    this.#deps = { pid: process.pid, host: hostname(), isAlive: processIsAlive, ...deps };
    this.#statements = {
      insert: db.prepare('INSERT INTO runs (id, pid, host, kind, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)'),
      beat: db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM runs WHERE id = ?'),
      all: db.prepare('SELECT id, pid, host, heartbeat_at FROM runs'),
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

  /** Removes the rows of runs that are gone (after their sends were recovered). */
  forgetDead(live: readonly string[]): void {
    const rows = this.#statements.all.all() as { id: string }[];
    for (const row of rows) if (!live.includes(row.id)) this.#statements.remove.run(row.id);
  }
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
