import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { guardState, type GuardMatch, type HistoryRepository } from '../history/history-repository.ts';
import { GUARD_SQL } from '../storage/migrations.ts';
import { shortKey, ShortKeyTable } from './short-keys.ts';

/** An event the duplicate guard is asked about. */
export interface GuardQuestion {
  name: string;
  customer: number;
  dataJson: string;
  fingerprint: string;
}

/**
 * Reading every guarded send once costs a few µs a send, in id order; looking one event up costs
 * several times that inside a plan (the journal's writes keep evicting the index from SQLite's page
 * cache, and each page is looked for in a growing WAL). So once a plan has asked about an eighth as
 * many events as history has sends, history's keys are read instead: never more than about twice
 * the cost of the better choice made in hindsight, and small histories are read at the first batch.
 */
const LOAD_WHEN_ASKED_TIMES = 8;
/** Beyond this many sends, history is never read whole (its keys would take too much memory). */
const LOAD_AT_MOST = 1_000_000;

interface GuardRow {
  fingerprint: string;
  id: number;
  event_id: number | null;
  created_at: number;
  outcome: string;
}

/**
 * The duplicate guard (HistoryRepository.guardMatch) for a whole plan, a batch of events at a time,
 * with the same answers. A batch is looked up in one statement; once the plan is large next to
 * history, the short keys of every guarded send are read once (and the sends made since, at every
 * batch), and only events whose key is among them are looked up. While history still has sends
 * without fingerprints (the background backfill), only guardMatch sees those: it is asked event
 * by event.
 */
export class PlanGuard {
  readonly #db: DatabaseSync;
  readonly #history: HistoryRepository;
  readonly #profile: string;
  readonly #lookUp: StatementSync;
  readonly #guarded: StatementSync;
  readonly #maxId: StatementSync;
  /** The short keys of every guarded send of the profile up to #readUpTo, once read. */
  #known: ShortKeyTable | null = null;
  #readUpTo = 0;
  #asked = 0;

  constructor(db: DatabaseSync, history: HistoryRepository, profile: string) {
    this.#db = db;
    this.#history = history;
    this.#profile = profile;
    // guardMatch's statement for many fingerprints: a loop over them (json_each), each looked up in
    // the partial index sends_guard (GUARD_SQL word for word, so SQLite may read it). `IN (SELECT …
    // json_each)` would sort them into a temporary index first, several times slower.
    this.#lookUp = db.prepare(
      `SELECT sends.fingerprint, sends.id, sends.event_id, sends.created_at, sends.outcome FROM json_each(?) AS batch CROSS JOIN sends
       WHERE sends.profile = ? AND sends.fingerprint = batch.value AND ${GUARD_SQL}`,
    );
    // Every guarded send after an id: all of them (0), then those made since; read in id order
    // (the index sends_profile by rowid), so the table's pages are read in order.
    this.#guarded = db.prepare(`SELECT id, fingerprint FROM sends WHERE id > ? AND profile = ? AND fingerprint IS NOT NULL AND ${GUARD_SQL}`);
    this.#maxId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM sends');
  }

  /** The guard's answer for each event that has one, by fingerprint; the latest send wins, as in guardMatch. */
  matches(events: readonly GuardQuestion[]): Map<string, GuardMatch> {
    if (events.length === 0) return new Map();
    if (this.#history.fingerprintsPending()) return this.#oneByOne(events);
    this.#asked += events.length;
    if (!this.#known) this.#loadIfWorth();
    let asked = events;
    if (this.#known) {
      this.#read();
      const known = this.#known;
      asked = events.filter((event) => known.get(shortKey(event.fingerprint)) !== 0);
    }
    return this.#inIndex(asked);
  }

  #loadIfWorth(): void {
    const sends = (this.#maxId.get() as { id: number }).id;
    if (sends > LOAD_AT_MOST || this.#asked * LOAD_WHEN_ASKED_TIMES < sends) return;
    this.#known = new ShortKeyTable();
  }

  /** Adds the guarded sends made since the last read (ids only grow: writes are serialized). */
  #read(): void {
    for (const row of this.#guarded.iterate(this.#readUpTo, this.#profile) as Iterable<{ id: number; fingerprint: string }>) {
      this.#known!.add(shortKey(row.fingerprint), 1);
      if (row.id > this.#readUpTo) this.#readUpTo = row.id;
    }
  }

  #inIndex(events: readonly GuardQuestion[]): Map<string, GuardMatch> {
    const matches = new Map<string, GuardMatch>();
    if (events.length === 0) return matches;
    // In index order, so that neighbouring lookups read neighbouring pages. Fingerprints are
    // base64url: their JSON needs no escaping.
    const prints = events.map((event) => event.fingerprint).toSorted();
    const latest = new Map<string, GuardRow>();
    for (const row of this.#lookUp.all(`["${prints.join('","')}"]`, this.#profile) as unknown as GuardRow[]) {
      const known = latest.get(row.fingerprint);
      if (!known || row.id > known.id) latest.set(row.fingerprint, row);
    }
    for (const [print, row] of latest) matches.set(print, { id: row.id, eventId: row.event_id, createdAt: row.created_at, state: guardState(row.outcome) });
    return matches;
  }

  /** guardMatch itself, event by event, inside one read transaction (a consistent view, one lock). */
  #oneByOne(events: readonly GuardQuestion[]): Map<string, GuardMatch> {
    const matches = new Map<string, GuardMatch>();
    this.#db.exec('BEGIN');
    try {
      for (const { name, customer, dataJson, fingerprint } of events) {
        const match = this.#history.guardMatch(this.#profile, fingerprint, { name, customer, data: JSON.parse(dataJson) as Record<string, unknown> });
        if (match) matches.set(fingerprint, match);
      }
    } finally {
      this.#db.exec('COMMIT');
    }
    return matches;
  }
}
