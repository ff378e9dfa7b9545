import { eventSchema, type HelpCrunchEvent } from '../../shared/event.ts';
import type { HistoryEntry } from '../../shared/history.ts';
import type { OutboxItem } from '../../shared/outbox.ts';
import type { Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import { safeToRetry } from '../helpcrunch/disposition.ts';
import { DuplicateError, OutcomeUnrecordedError, type SendAttempt, type SendOptions, type SendService } from '../sending/send-service.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import { duplicateReason, failureReason, plainReason, sendReason } from './outbox-reason.ts';
import type { OutboxRepository } from './outbox-repository.ts';

/** While HelpCrunch cannot be reached, at most one attempt (a probe) per this long. */
export const PROBE_INTERVAL_MS = 30_000;
const FIRST_RETRY_MS = 5_000;
const UNDO_MS = 10_000;
/** How often the outbox looks whether an item is due (a cheap indexed query). */
const TICK_MS = 2_000;

export interface OutboxServiceDeps {
  outbox: OutboxRepository;
  sender: SendService;
  /** Where History learns which attempts belong to an outbox item (shown "In the outbox" while it waits). */
  history: Pick<HistoryRepository, 'linkOutbox' | 'outboxDelivered'>;
  clock: Clock;
  profile: string;
  runId: string;
  /** The outbox changed (count, an item's state): windows refresh the badge. */
  changed: (count: number) => void;
  random?: () => number;
}

export interface SendResult {
  entry: HistoryEntry;
  /** Set when the event went to the outbox instead of ending as a failure. */
  outboxId: number | null;
}

/**
 * Composer sends whose disposition is `not-sent` (offline, DNS, refused, 429 or 503 after the
 * retries: provably never reached HelpCrunch) go to the outbox, written before the composer is told,
 * and are sent later by themselves: oldest first, through the profile's budget, with a probe at
 * most every 30 s while HelpCrunch cannot be reached. An ambiguous outcome (a timeout or a reset
 * after the request was written, a 500/502/504) is never queued: it stays "Outcome unknown" for the user.
 */
export class OutboxService {
  readonly #deps: OutboxServiceDeps;
  #draining: Promise<number> | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: OutboxServiceDeps) {
    this.#deps = deps;
  }

  /** Sends; an answer that provably did not reach HelpCrunch is queued instead of ending as a failure. */
  async sendOrQueue(event: HelpCrunchEvent, options: SendOptions = {}): Promise<SendResult> {
    const { sender, outbox, clock, profile } = this.#deps;
    const { entry, disposition } = await sender.attempt(event, options);
    if (!safeToRetry(disposition)) return { entry, outboxId: null };
    const now = clock.now();
    const item = outbox.add(profile, event, options.savedEventId ?? null, sendReason(entry), entry.id, now, now + FIRST_RETRY_MS, options.allowDuplicate === true);
    this.#deps.history.linkOutbox(entry.id, item.id);
    this.#notify();
    return { entry: { ...entry, outbox: 'waiting' }, outboxId: item.id };
  }

  list(): OutboxItem[] {
    this.#deps.outbox.purgeRemovedBefore(this.#deps.clock.now() - UNDO_MS);
    return this.#deps.outbox.list(this.#deps.profile);
  }

  count(): number {
    return this.#deps.outbox.count(this.#deps.profile);
  }

  /** "Send now": every waiting item is due at once, then the outbox drains. Resolves with how many were delivered. */
  async sendNow(): Promise<number> {
    // A drain already under way (the outbox's own probe) may stop at its first failure and leave the
    // rest for later: let it end, then make everything due and drain again, so "Send now" means now.
    const running = this.#draining;
    const before = running ? await running.catch(() => 0) : 0;
    this.#deps.outbox.dueNow(this.#deps.profile, this.#deps.clock.now());
    return before + (await this.drain());
  }

  /**
   * Sends the due items, oldest first, until one fails transiently again (HelpCrunch still cannot
   * be reached: the next try is the next probe). One drain at a time in this process; other
   * processes never take an item this one claimed.
   */
  drain(): Promise<number> {
    this.#draining ??= this.#drainOnce().finally(() => (this.#draining = null));
    return this.#draining;
  }

  async #drainOnce(): Promise<number> {
    const { outbox, sender, clock, profile, runId } = this.#deps;
    const random = this.#deps.random ?? Math.random;
    let delivered = 0;
    for (;;) {
      const item = outbox.claim(profile, runId, clock.now());
      if (!item) break;
      this.#notify();
      // The guard applies to the drain like to any send: only the user's own "send again" lets a duplicate through.
      const options: SendOptions = { allowDuplicate: item.allowDuplicate, ...(item.savedEventId === null ? {} : { savedEventId: item.savedEventId }) };
      let result: SendAttempt;
      try {
        result = await sender.attempt(item.event, options);
      } catch (error) {
        if (error instanceof DuplicateError) {
          // Delivered, in flight or possibly landed since it was queued (another window, a replay):
          // sending it would make a second event. Held for the user, who can send it again anyway.
          outbox.settle(item.id, runId, 'unknown', duplicateReason(error), error.previous.id, clock.now());
          this.#notify();
          continue;
        }
        if (error instanceof Failure && error.code === 'plan_violation') {
          // The tracking plan changed since it was queued and now blocks it: nothing was written or
          // sent. Held for the user to edit (retrying would only be refused again every 30 s).
          outbox.settle(item.id, runId, 'rejected', failureReason(error), null, clock.now());
          this.#notify();
          continue;
        }
        if (error instanceof OutcomeUnrecordedError) {
          // It left; its answer could not be written. Never queued again on its own.
          if (error.disposition === 'delivered') outbox.delivered(item.id, runId);
          else outbox.settle(item.id, runId, error.disposition === 'maybe-landed' ? 'unknown' : 'rejected', failureReason(error), null, clock.now());
          this.#notify();
          break;
        }
        // Not written to history (disk full?): nothing was sent. Try again later.
        outbox.requeue(item.id, runId, error instanceof Failure ? failureReason(error) : plainReason((error as Error).message), clock.now() + PROBE_INTERVAL_MS, clock.now());
        break;
      }
      const { entry, disposition } = result;
      if (disposition === 'delivered') {
        this.#deps.history.outboxDelivered(item.id, entry.id);
        outbox.delivered(item.id, runId);
        delivered += 1;
      } else if (safeToRetry(disposition)) {
        // Still unreachable: back off (5 s, 10 s, 20 s… at most 30 s between probes) and stop here.
        this.#deps.history.linkOutbox(entry.id, item.id);
        const wait = Math.min(PROBE_INTERVAL_MS, FIRST_RETRY_MS * 2 ** Math.min(item.attempts, 6));
        outbox.requeue(item.id, runId, sendReason(entry, 'HelpCrunch could not be reached.'), clock.now() + Math.round(wait * (0.8 + random() * 0.2)), clock.now());
        this.#notify();
        break;
      } else if (disposition === 'rejected') {
        outbox.settle(item.id, runId, 'rejected', sendReason(entry), entry.id, clock.now());
      } else {
        // maybe-landed: "Outcome unknown", never resent on its own.
        outbox.settle(item.id, runId, 'unknown', sendReason(entry), entry.id, clock.now());
      }
      this.#notify();
    }
    return delivered;
  }

  /** Edits a waiting (or rejected, or unknown) item; it waits to be sent again. */
  update(id: number, event: HelpCrunchEvent): OutboxItem {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) throw new Failure('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid event.');
    if (!this.#deps.outbox.update(this.#deps.profile, id, parsed.data, this.#deps.clock.now())) throw new Failure('not_found', `Outbox item ${id} cannot be edited (it is being sent, or gone).`, { reason: 'outbox', params: { id } });
    this.#notify();
    return this.#deps.outbox.get(this.#deps.profile, id)!;
  }

  remove(id: number): void {
    if (!this.#deps.outbox.remove(this.#deps.profile, id, this.#deps.clock.now())) throw new Failure('not_found', `Outbox item ${id} cannot be removed (it is being sent, or gone).`, { reason: 'outbox', params: { id } });
    this.#notify();
  }

  undoRemove(id: number): OutboxItem {
    if (!this.#deps.outbox.restore(this.#deps.profile, id, this.#deps.clock.now() - UNDO_MS)) throw new Failure('undo_expired', 'It is too late to undo that.');
    this.#notify();
    return this.#deps.outbox.get(this.#deps.profile, id)!;
  }

  /** The user's call on an item whose outcome is unknown: queue it again, or count it as delivered (removed). */
  resolveUnknown(id: number, decision: 'resend' | 'delivered'): void {
    const { outbox, profile, clock } = this.#deps;
    const item = outbox.get(profile, id);
    if (!item || item.state !== 'unknown') throw new Failure('not_found', `Outbox item ${id} has no unknown outcome to decide.`, { reason: 'outbox', params: { id } });
    if (decision === 'resend') outbox.resendUnknown(profile, id, clock.now());
    else outbox.done(id);
    this.#notify();
  }

  /** Starts draining by itself: now, and whenever an item becomes due. */
  start(): void {
    const tick = () => {
      const due = this.#deps.outbox.nextDue(this.#deps.profile);
      if (due !== null && due <= this.#deps.clock.now()) void this.drain().catch(() => {});
    };
    tick();
    this.#timer = setInterval(tick, TICK_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** After a crash: what a dead process was sending becomes "unknown". */
  recover(liveRuns: readonly string[]): number {
    return this.#deps.outbox.recoverOrphans(liveRuns);
  }

  #notify(): void {
    this.#deps.changed(this.count());
  }
}
