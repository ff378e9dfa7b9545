import type { DatabaseSync } from 'node:sqlite';
import { foldText } from '../../shared/fold.ts';
import { OUTCOME_CLASSES, type HistoryFilter } from '../../shared/history.ts';

/** The SQL function the customer filter folds names and emails with (see registerFold). */
const FOLD = 'event_desk_fold';
const ASCII = /^[ -~]*$/;

/**
 * Gives a connection the function the history filter folds accents and case with: the same
 * foldText the window uses, so SQL and the picker agree. Deterministic and without side effects;
 * registering it again replaces it. Every connection that runs filterSql's SQL calls this first.
 */
export function registerFold(db: DatabaseSync): void {
  // Printable ASCII (most emails, many names) needs no decomposition: LIKE folds its case itself.
  db.function(FOLD, { deterministic: true }, (text) => (typeof text !== 'string' ? null : ASCII.test(text) ? text : foldText(text)));
}

/** The ids of send attempts whose outbox item still waits or is being sent. */
const WAITING_ATTEMPTS = `SELECT a.history_id FROM outbox_attempts a JOIN outbox o ON o.id = a.item WHERE o.state IN ('queued', 'sending') AND o.removed_at IS NULL`;
/** True for a sends row (alias `s`) whose event waits in the outbox. */
export const IN_OUTBOX_SQL = `s.id IN (${WAITING_ATTEMPTS})`;
/** 'waiting' or 'delivered' for a sends row (alias `s`) whose event went to the outbox; NULL otherwise. */
export const OUTBOX_STATE_SQL = `CASE WHEN ${IN_OUTBOX_SQL} THEN 'waiting'
  WHEN s.id IN (SELECT history_id FROM outbox_attempts WHERE delivered_as IS NOT NULL) THEN 'delivered' END`;

export interface FilterSql {
  /** FROM/JOIN clause: full-text search drives the scan when there is text. */
  from: string;
  where: string[];
  params: Record<string, string | number>;
  /** The id column to order and page by (the FTS rowid when searching text). */
  idColumn: string;
}

/**
 * Turns a history filter into SQL pieces. Every value is a bound parameter; the text search is
 * turned into an FTS5 query of quoted prefix terms, so user input can never be FTS syntax.
 */
export function filterSql(profile: string, filter: HistoryFilter): FilterSql {
  const where = ['s.profile = :profile'];
  const params: Record<string, string | number> = { profile };
  const match = ftsQuery(filter.text ?? '');
  const from = match ? 'sends_fts f JOIN sends s ON s.id = f.rowid' : 'sends s';
  if (match) {
    where.push('sends_fts MATCH :match');
    params.match = match;
  } else if (filter.text) {
    // Text with no words (only punctuation) matches nothing: never "everything", which would
    // make "delete all matching" delete the whole history.
    where.push('0');
  }
  if (filter.outcomes.length > 0) {
    const outcomes = filter.outcomes.flatMap((group) => OUTCOME_CLASSES[group].outcomes);
    const any: string[] = [];
    if (outcomes.length > 0) any.push(`s.outcome IN (${outcomes.map((_, index) => `:outcome${index}`).join(', ')})`);
    // "Outcome unknown" means everything that may have landed, whatever its cause (a 500, a cut connection).
    if (filter.outcomes.includes('unknown')) any.push(`s.disposition = 'maybe-landed'`);
    // "In the outbox": attempts whose event still waits to be sent.
    if (filter.outcomes.includes('outbox')) any.push(IN_OUTBOX_SQL);
    where.push(`(${any.join(' OR ')})`);
    outcomes.forEach((outcome, index) => (params[`outcome${index}`] = outcome));
  }
  if (filter.name !== null) {
    where.push('s.name = :name');
    params.name = filter.name;
  }
  if (filter.customer !== null) {
    where.push('s.customer = :customer');
    params.customer = filter.customer;
  }
  if (filter.customerText !== null) {
    // The customers this account knows whose name or email contains the text, then their sends
    // through the (profile, customer, id) index. Accents and case are folded on both sides ("jose"
    // finds José: fold(), registered by registerFold); the known customers are scanned either way
    // (a "contains" LIKE reads every row of the profile), so the plan is the one it was. Name and
    // email are folded in one call (a line break between them: typed text never spans both). The
    // text's LIKE wildcards are escaped, so "%" or "_" typed are just characters.
    where.push(
      `s.customer IN (SELECT known.id FROM known_customers known WHERE known.profile = :profile
         AND ${FOLD}(coalesce(known.name, '') || char(10) || coalesce(known.email, '')) LIKE :customerText ESCAPE '\\')`,
    );
    params.customerText = `%${likeEscaped(foldText(filter.customerText))}%`;
  }
  if (filter.from !== null) {
    where.push('s.created_at >= :from');
    params.from = filter.from;
  }
  if (filter.to !== null) {
    where.push('s.created_at <= :to');
    params.to = filter.to;
  }
  return { from, where, params, idColumn: match ? 'f.rowid' : 's.id' };
}

/** `refund "ada l` → `"refund"* "ada"* "l"*`: every word must appear, as a word prefix. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

/** Text for a LIKE pattern that matches it literally (with ESCAPE '\\'). */
export function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
