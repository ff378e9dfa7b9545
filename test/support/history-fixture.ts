import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { SendOutcome } from '../../src/main/helpcrunch/send-outcome.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { HistoryRepository } from '../../src/main/history/history-repository.ts';

/** A history database in a fresh temp folder; call `dispose` when done. */
export function tempHistory(): { history: HistoryRepository; db: DatabaseSync; folder: string; dispose: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-history-'));
  const db = openDatabase(join(folder, 'history.sqlite'));
  return { history: new HistoryRepository(db), db, folder, dispose: () => { db.close(); rmSync(folder, { recursive: true, force: true }); } };
}

export function outcome(overrides: Partial<SendOutcome> = {}): SendOutcome {
  const kind = overrides.outcome ?? 'sent';
  const disposition = kind === 'sent' ? 'delivered' : kind === 'rate_limited' || overrides.httpStatus === 503 ? 'not-sent' : ['rejected', 'unauthorized', 'not_found'].includes(kind) ? 'rejected' : 'maybe-landed';
  return { outcome: 'sent', disposition, httpStatus: 200, responseBody: '{"id":1}', message: null, errors: [], eventId: 1, eventCreatedAt: 1, attempts: 1, durationMs: 10, ...overrides };
}

/** Adds a finished send. */
export function addSend(history: HistoryRepository, event: { name: string; customer: number; data: Record<string, unknown> }, at: number, result: SendOutcome = outcome()): number {
  const id = history.insertSending('default', event, at);
  history.complete({ id, profile: 'default', createdAt: at, request: event }, result, at + 5);
  return id;
}
