import { Failure } from '../failure.ts';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import type { HistoryEntry } from '../../shared/history.ts';
import type { Clock } from '../clock.ts';
import type { CallOptions, HelpCrunchClient } from '../helpcrunch/client.ts';
import { interpretSend } from '../helpcrunch/send-outcome.ts';
import { fingerprint } from '../replay/fingerprint.ts';
import type { HistoryRepository } from '../history/history-repository.ts';

/** Nothing was sent because the attempt could not be recorded first. */
export class HistoryWriteError extends Failure {
  constructor(message: string) {
    super('history_write_failed', message);
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
}

export interface SendOptions extends CallOptions {
  /** Called with the history id once the "sending" row is written, before the request leaves. */
  recorded?: (historyId: number) => void;
  /** No per-send "history changed" notice (a batch job sends one a second instead). */
  quiet?: boolean;
  /** Send even when the same event (name, customer, data) was already delivered. */
  allowDuplicate?: boolean;
  /** The saved event this send was made from, recorded in history. */
  savedEventId?: number;
}

/** The same event was delivered before; HelpCrunch would record it twice. */
export class DuplicateError extends Failure {
  readonly previous: { id: number; eventId: number | null; createdAt: number };
  constructor(previous: { id: number; eventId: number | null; createdAt: number }) {
    const when = new Date(previous.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    super('duplicate', `Already delivered on ${when} as event #${previous.eventId ?? '?'} (history entry ${previous.id}).`, {
      hint: 'HelpCrunch has no way to undo it: sending again creates a second event in the customer\'s profile.',
    });
    this.previous = previous;
  }
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
   * Sends and also says whether the event provably did not reach HelpCrunch for a transient reason
   * (no connection could be made, or 5xx/429 after the retries): only those may go to the outbox.
   */
  async attempt(event: HelpCrunchEvent, options: SendOptions = {}): Promise<{ entry: HistoryEntry; transientUnsent: boolean }> {
    const { client, history, clock, profile, runId } = this.#deps;
    const changed = options.quiet ? () => {} : this.#deps.changed;
    // Computed once: the duplicate check and the history row both need it.
    const print = fingerprint(event);
    if (!options.allowDuplicate) {
      const previous = history.lastDelivered(profile, print);
      if (previous) throw new DuplicateError(previous);
    }
    let id: number;
    const createdAt = clock.now();
    try {
      id = history.insertSending(profile, event, createdAt, runId, options.savedEventId ?? null, print);
    } catch (error) {
      throw new HistoryWriteError(`The event was NOT sent: it could not be written to history first (${(error as Error).message}). Free some disk space and try again.`);
    }
    changed(id);
    options.recorded?.(id);
    const result = await client.call('POST', '/events', event, options);
    const outcome = interpretSend(result, event, clock.now());
    const entry = history.complete({ id, profile, createdAt, request: event, savedEventId: options.savedEventId ?? null }, outcome, clock.now());
    changed(id);
    this.#deps.completed?.();
    const transientUnsent = (result.kind === 'network' && result.neverSent) || (result.kind === 'response' && (result.status >= 500 || result.status === 429));
    return { entry, transientUnsent };
  }
}
