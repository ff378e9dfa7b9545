import { Failure } from '../main/core/index.ts';

/** What `event-desk` exits with; documented in --help and the README. */
export const EXIT = {
  /** What was asked was done. */
  ok: 0,
  /** Anything else that did not succeed; the message says what. */
  failed: 1,
  /** Bad input or usage: nothing was sent. */
  usage: 2,
  /** The API key or the keychain is the problem. */
  key: 3,
  /** An event may have landed (a timeout, a cut connection, a 500/502/504): "Outcome unknown", never resent on its own. */
  unknown: 4,
  /** Stopped with Ctrl+C at a question (128 + SIGINT, as shells report it); nothing was sent. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  did not succeed (the message says why)
  2  bad input or usage: nothing was sent (a missing or unknown flag or value, an unknown
     --input key, a saved event, job, profile or customer email that is not there)
  3  API key or keychain problem
  4  outcome unknown: an event may or may not have been created (check before sending again)
  130  stopped with Ctrl+C at a question: nothing was sent (a plan is discarded)`;

/** A mistake in how the command was called: exit code 2, and nothing was sent. */
export class UsageError extends Failure {
  constructor(message: string, hint?: string) {
    super('usage', message, { hint });
  }
}

const KEY_CODES = new Set(['no_key', 'unauthorized', 'key_file']);
/**
 * Failures that mean the command named something wrong: nothing was sent, and running it again
 * unchanged cannot help (an unknown saved event or job is as much bad input as a malformed id).
 */
// plan_violation: the tracking plan blocked the event; nothing was written or sent.
const INPUT_CODES = new Set(['usage', 'invalid_input', 'not_found', 'title_taken', 'name_taken', 'empty', 'plan_violation']);

/** The exit code for a failure a service threw. */
export function exitCodeFor(failure: Failure): number {
  if (INPUT_CODES.has(failure.code)) return EXIT.usage;
  if (failure.code.startsWith('keychain') || KEY_CODES.has(failure.code)) return EXIT.key;
  return EXIT.failed;
}
