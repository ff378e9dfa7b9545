import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` in one write transaction. IMMEDIATE takes the write lock up front, so two processes
 * sharing the database never both read and then both write (the busy timeout makes the second wait).
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
