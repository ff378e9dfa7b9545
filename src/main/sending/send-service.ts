import { Failure } from '../failure.ts';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import type { Disposition, HistoryEntry } from '../../shared/history.ts';
import type { Clock } from '../clock.ts';
import type { CallOptions, CallResult, HelpCrunchClient, Prepared } from '../helpcrunch/client.ts';
import { interpretSend } from '../helpcrunch/send-outcome.ts';
import { fingerprint } from '../replay/fingerprint.ts';
import type { GuardMatch, HistoryRepository } from '../history/history-repository.ts';
import type { PlanCheck } from '../../shared/plan.ts';

/** Nothing was sent because the attempt could not be recorded first. */
export class HistoryWriteError extends Failure {
  constructor(message: string, detail: string) {
    super('history_write_failed', message, { params: { detail } });
  }
}

export interface SendServiceDeps {
  client: HelpCrunchClient;
  history: HistoryRepository;
  clock: Clock;
  profile: string;
  /** The run (this process) the "sending" row belongs to, so crash recovery knows whose it is. */
  runId: string;
  /** Tells the renderer a history row changed. */
  changed: (id: number) => void;
  /** After a send is recorded: schedules the full-text indexing it no longer does itself. */
  completed?: () => void;
  /**
   * The tracking plan (src/main/plan): throws PlanViolationError for an event it blocks, and
   * returns its check (ok or warn) otherwise. Asked before anything is written or sent.
   */
  plan?: { enforce(event: HelpCrunchEvent): Promise<PlanCheck> };
  /**
   * Where the plan's verdicts are kept (src/main/plan/plan-marks.ts): a warning with the send's first
   * history row (same transaction), a block as a count (a blocked send has no history row).
   */
  planMarks?: { record(sendId: number, check: PlanCheck, overridden: boolean): void; blocked(profile: string, name: string, at: number): void };
}

export interface SendOptions extends Omit<CallOptions, 'prepared' | 'started'> {
  /** Called with the history id once the "sending" row is written, before the request leaves. */
  recorded?: (historyId: number) => void;
  /** No per-send "history changed" notice (a batch job sends one a second instead). */
  quiet?: boolean;
  /**
   * Send even when the same event (name, customer, data) was already delivered, is being sent, or
   * may have landed. Only ever set by an explicit choice of the user (or of the job they started).
   */
  allowDuplicate?: boolean;
  /** The saved event this send was made from, recorded in history. */
  savedEventId?: number;
  /**
   * The tracking plan was applied already, where the event was planned (a replay plan's lines, an
   * outbox item checked when it was first sent): not asked again at send time.
   */
  planChecked?: boolean;
  /** The person saw the plan's warning and chose to send anyway: history records it as overridden. */
  againstPlan?: boolean;
}

/** The same event was delivered, is being sent, or may have landed; HelpCrunch would record it twice. */
export class DuplicateError extends Failure {
  readonly previous: GuardMatch;
  constructor(previous: GuardMatch) {
    super('duplicate', duplicateMessage(previous), {
      reason: previous.state,
      params: { createdAt: previous.createdAt, historyId: previous.id, ...(previous.eventId === null ? {} : { eventId: previous.eventId }) },
      hint: 'HelpCrunch has no way to undo it: sending again creates a second event in the customer\'s profile.',
    });
    this.previous = previous;
  }
}

/** The guard's reason in words: delivered, in flight, or may have landed. */
// Built once: a formatter costs ~0.1 ms to make, and a plan words every duplicate line with it.
const UTC_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function duplicateMessage(previous: GuardMatch): string {
  const when = UTC_TIME.format(new Date(previous.createdAt));
  switch (previous.state) {
    case 'delivered':
      return `Already delivered on ${when} UTC as event #${previous.eventId ?? '?'} (history entry ${previous.id}).`;
    case 'in-flight':
      return `The same event is being sent right now (history entry ${previous.id}, started ${when} UTC).`;
    case 'unknown':
      return `The same event was sent on ${when} UTC and may have landed: its outcome is unknown (history entry ${previous.id}).`;
  }
}

/** A finished send: its history entry and what the outcome means (read, never re-derived, by every caller). */
export interface SendAttempt {
  entry: HistoryEntry;
  disposition: Disposition;
  /** What the tracking plan said (a warning was sent anyway); absent when it was not asked. */
  plan?: PlanCheck;
}

/** Sends one event: recorded as "sending" first, so a crash or dead network never loses it. */
export class SendService {
  readonly #deps: SendServiceDeps;

  constructor(deps: SendServiceDeps) {
    this.#deps = deps;
  }

  async send(event: HelpCrunchEvent, options: SendOptions = {}): Promise<HistoryEntry> {
    return (await this.attempt(event, options)).entry;
  }

  /**
   * Sends and says what the outcome means (its disposition): only `not-sent` may be retried or
   * queued. The duplicate guard runs in the transaction that writes the "sending" row, so two
   * windows or processes sending the same event at once cannot both pass it.
   */
  async attempt(event: HelpCrunchEvent, options: SendOptions = {}): Promise<SendAttempt> {
    const { client, history, clock, profile, runId } = this.#deps;
    const changed = options.quiet ? () => {} : this.#deps.changed;
    // First of all: an event the plan blocks never gets a history row, a budget slot or a request.
    // Batch sends (replay jobs) are to be checked when their plan is made, line by line (not wired yet:
    // docs/tracking-plan.md); a refusal here would only stall the job on that item.
    const plan = options.priority === 'batch' || options.planChecked ? undefined : await this.#enforcePlan(event);
    // Computed once: the duplicate check and the history row both need it.
    const print = fingerprint(event);
    // The address and key before the row: nothing slow may come between the start logged with the
    // row and the request. A failure here is reported like one in client.call (nothing left).
    let prepared: Prepared | undefined;
    let unprepared: unknown;
    try {
      prepared = await client.prepare('/events');
    } catch (error) {
      unprepared = error;
    }
    // An interactive send whose slot is free now takes it with the row: one commit, not two.
    const startWithRow = prepared?.grant.kind === 'key' && !options.slotHeld && options.priority !== 'batch';
    let started = false;
    const startAlongside = () => {
      try {
        started = client.startWithin();
      } catch {
        // The client acquires the slot as usual, and reports it if it cannot.
      }
    };
    let recorded: { id: number } | { duplicateOf: GuardMatch };
    const createdAt = clock.now();
    try {
      // A warning is kept with the row, in its transaction: a send never exists without its verdict.
      const marks = this.#deps.planMarks;
      const markRow = plan?.verdict === 'warn' && marks ? (rowId: number) => marks.record(rowId, plan, options.againstPlan === true) : undefined;
      recorded = history.recordSending(profile, event, createdAt, runId, options.savedEventId ?? null, print, options.allowDuplicate === true, startWithRow ? startAlongside : undefined, markRow);
    } catch (error) {
      throw new HistoryWriteError(`The event was NOT sent: it could not be written to history first (${(error as Error).message}). Free some disk space and try again.`, (error as Error).message);
    }
    if ('duplicateOf' in recorded) throw new DuplicateError(recorded.duplicateOf);
    const { id } = recorded;
    const row = { id, profile, createdAt, request: event, savedEventId: options.savedEventId ?? null };
    // Telling windows is never part of the send: a closed window must not change what happened.
    const notify = () => {
      try {
        changed(id);
      } catch {
        // The next refresh shows it.
      }
    };
    notify();
    let result: CallResult;
    try {
      options.recorded?.(id);
      if (!prepared) throw unprepared instanceof Error ? unprepared : new Error(String(unprepared));
      result = await client.call('POST', '/events', event, { ...options, prepared, started });
    } catch (error) {
      // The request is only made inside client.call, after its key and budget checks, and it retries
      // only after answers that provably did not land: a throw means nothing left, unless the
      // caller aborted while the request was in flight.
      if (options.signal?.aborted) throw new OutcomeUnrecordedError('maybe-landed', `The send was stopped while the request was in flight (${(error as Error).message}).`, { reason: 'stopped', detail: (error as Error).message });
      const detail = (error as Error).message;
      const message = `Not sent: Event Desk stopped before the request left (${detail}).`;
      try {
        history.complete(row, { outcome: 'network_error', disposition: 'not-sent', httpStatus: null, responseBody: null, message, errors: [], eventId: null, eventCreatedAt: null, attempts: 0, durationMs: 0 }, clock.now());
      } catch {
        // Left "sending": the guard treats it as in flight, and the next start as "unknown". Safe.
      }
      notify();
      throw new NotSentError(message, detail);
    }
    const outcome = interpretSend(result, event, clock.now());
    let entry: HistoryEntry;
    try {
      entry = history.complete(row, outcome, clock.now());
    } catch (error) {
      // The request left: what it came to is known here but could not be written. Never "not sent".
      throw new OutcomeUnrecordedError(outcome.disposition, `HelpCrunch answered, but Event Desk could not write the answer to history (${(error as Error).message}). ${outcome.disposition === 'delivered' ? 'The event was delivered.' : 'It may or may not have been created: check the customer\'s profile before sending it again.'}`, { reason: 'unwritten', detail: (error as Error).message });
    }
    notify();
    try {
      this.#deps.completed?.();
    } catch {
      // Indexing catches up later.
    }
    return { entry, disposition: outcome.disposition, ...(plan ? { plan } : {}) };
  }

  /** The plan's verdict; a block is counted for the Plan view, then thrown (nothing written, nothing sent). */
  async #enforcePlan(event: HelpCrunchEvent): Promise<PlanCheck | undefined> {
    try {
      return await this.#deps.plan?.enforce(event);
    } catch (error) {
      if (error instanceof Failure && error.code === 'plan_violation') {
        try {
          this.#deps.planMarks?.blocked(this.#deps.profile, event.name.trim(), this.#deps.clock.now());
        } catch {
          // A count the Plan view misses; the block itself stands.
        }
      }
      throw error;
    }
  }
}

/** The request never left Event Desk (a database or keychain problem before it): safe to send again. */
export class NotSentError extends Failure {
  constructor(message: string, detail?: string) {
    super('not_sent', message, detail === undefined ? {} : { params: { detail } });
  }
}

/**
 * The request left, but its outcome could not be recorded (a full disk after the answer): callers
 * must treat it by its disposition and never as "not sent". The history row stays "sending", which
 * the duplicate guard reads as in flight and the next start marks "unknown".
 */
export class OutcomeUnrecordedError extends Failure {
  readonly disposition: Disposition;
  constructor(disposition: Disposition, message: string, words?: { reason: 'stopped' | 'unwritten'; detail: string }) {
    super('outcome_unrecorded', message, words === undefined ? {} : { reason: words.reason, params: { disposition, detail: words.detail } });
    this.disposition = disposition;
  }
}
