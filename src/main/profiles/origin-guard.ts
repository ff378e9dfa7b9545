import type { OutboxItem } from '../../shared/outbox.ts';
import { Failure } from '../failure.ts';
import type { OutboxRepository } from '../outbox/outbox-repository.ts';
import type { JobRepository } from '../replay/job-repository.ts';

/** An outbox item or a job made for one origin while the account now points at another. */
export interface OriginChange {
  madeFor: string;
  now: string;
}

/** What is asked about, for a host that words the question in another language (`what` is the English). */
export type OriginSubject = { kind: 'job'; id: number } | { kind: 'outbox'; count: number };

/** Main's own question before something made for one origin goes to another (hosts without one answer no). */
export type ConfirmOriginChange = (request: OriginChange & { account: string; what: string; subject?: OriginSubject }) => Promise<boolean>;

/** The words the app and the CLI use for an item that waits because the account points elsewhere now. */
export function originChangeMessage({ madeFor, now }: OriginChange): string {
  return `Made for ${madeFor}; the account now points at ${now}. Send it there?`;
}

/** Refused: the thing was made for another origin and nobody said to send it to this one. */
export class OriginChanged extends Failure {
  constructor(what: string, change: OriginChange) {
    super('origin_changed', `${what} was made for ${change.madeFor}; the account now points at ${change.now}. Nothing was sent.`, {
      params: { madeFor: change.madeFor, now: change.now },
      hint: `Point the account at ${change.madeFor} again to send it there, or confirm in the app to send it to ${change.now}.`,
    });
  }
}

export interface OriginGuardDeps {
  profile: string;
  current: () => string;
  outbox: OutboxRepository;
  jobs: JobRepository;
  now: () => number;
}

/**
 * One account's view of where its queued work was made for. Outbox items and jobs record the origin
 * of the API base URL when made; a launch override or a changed base URL must not carry them (and
 * the account's key) to another host unless the user says so.
 */
export class OriginGuard {
  readonly #deps: OriginGuardDeps;

  constructor(deps: OriginGuardDeps) {
    this.#deps = deps;
  }

  /** Where this account's requests go now (scheme://host:port). */
  current(): string {
    return this.#deps.current();
  }

  /** The change, when job `jobId` was made for another origin than the current one. */
  job(jobId: number): OriginChange | null {
    return changed(this.#deps.jobs.origin(jobId), this.current());
  }

  /** The user said yes: the job goes to where the account points now. */
  retargetJob(jobId: number): void {
    this.#deps.jobs.retarget(jobId);
  }

  /** Waiting outbox items made for another origin: auto-drain leaves them alone. */
  outboxElsewhere(): OutboxItem[] {
    return this.#deps.outbox.list(this.#deps.profile).filter((item) => item.state === 'queued' && changed(item.origin, this.current()) !== null);
  }

  /** The user said yes: these items go to where the account points now. */
  retargetOutbox(ids: number[]): void {
    for (const id of ids) this.#deps.outbox.retarget(this.#deps.profile, id, this.#deps.now());
  }

  /** The outbox as people see it: an item made for another origin says so instead of its last error. */
  describe(items: OutboxItem[]): OutboxItem[] {
    const now = this.current();
    return items.map((item) => {
      const change = item.state === 'queued' ? changed(item.origin, now) : null;
      return change ? { ...item, lastError: originChangeMessage(change) } : item;
    });
  }
}

function changed(madeFor: string | null, now: string): OriginChange | null {
  return madeFor !== null && madeFor !== now ? { madeFor, now } : null;
}

/**
 * Before work made for another origin is sent: asks main's own dialog (the app) and, on yes,
 * retargets it; without a yes it is refused, and nothing was sent.
 */
export async function confirmOrigin(change: OriginChange | null, ask: (change: OriginChange) => Promise<boolean>, what: string, retarget: () => void): Promise<void> {
  if (change === null) return;
  if (!(await ask(change))) throw new OriginChanged(what, change);
  retarget();
}
