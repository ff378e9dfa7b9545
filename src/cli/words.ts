import type { HistoryEntry } from '../shared/history.ts';

/**
 * The CLI's own words. The core's messages say what happened in the app's vocabulary, which the CLI
 * keeps ("Outcome unknown", "rejected"); but their instructions point at the app's screens ("Add one
 * in Settings", "Pick a customer from the list"), which a terminal does not have. The core's words
 * stay as they are (the app needs them); this layer swaps the instructions for flags and commands,
 * by failure code and by field, so a new wording in the core cannot put a button into a terminal
 * without this table's test noticing.
 */

const KEY_SET = 'Save one with `event-desk key set` (pipe it in, or type it when asked; never as an argument).';
const KEY_WRONG = 'Save the right key with `event-desk key set`, then check it with `event-desk key test`.';
const KEY_ORIGIN = 'Save the key again for this address with `event-desk key set` (run with the same --api-url or HELPCRUNCH_API_URL).';

/** How to fix it from a terminal, by failure code (the core's `Failure.code`, or a history entry's kind). */
const HINTS: Record<string, string> = {
  no_key: KEY_SET,
  unauthorized: KEY_WRONG,
  withheld: KEY_ORIGIN,
  write_failed: 'Give another path: --out <file>, or --out - for stdout.',
  origin_changed: 'Point the account at the address it was made for again (--api-url URL), or send it from the app, which asks first.',
  job_interrupted: 'See them with `event-desk jobs list`, then `event-desk jobs resume <id>`.',
};

/**
 * With a headless key (HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE) the keychain is not in play:
 * "save the key again" would change nothing, so these say what does.
 */
const HEADLESS_HINTS: Record<string, string> = {
  withheld: "This run's key (HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE) goes only to this run's API URL: name the address it is for in HELPCRUNCH_API_URL (or --api-url).",
  unauthorized: 'HelpCrunch did not accept the key in HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE: put the right key there (Settings → Developers → Public API in HelpCrunch).',
};

/** Where this run's key comes from (src/cli/headless-key.ts); "keychain" unless a variable gives it. */
type KeyOrigin = 'keychain' | 'environment' | 'file';

/**
 * Sentences that only make sense in the app's window. They are cut from any message the CLI prints;
 * the code's hint above says what to do instead.
 */
const APP_SENTENCES = [
  /\s*Add one in Settings\./g,
  /\s*Check (?:or replace )?(?:it|the key) in Settings\./g,
  /\s*Enter the key again in Settings to use it with this address\./g,
  /\s*Open Jobs to resume\./g,
  /\s*Choose another folder\./g,
  /,? or confirm in the app to send it to [^.]+\./g,
];

/** The message without the app's instructions; `changed` says whether one was cut. */
export function withoutAppSentences(text: string): { text: string; changed: boolean } {
  let out = text;
  for (const sentence of APP_SENTENCES) out = out.replace(sentence, '');
  return { text: out, changed: out !== text };
}

/** A failure (or a start-up notice) in the CLI's words: its message without the app's instructions, and the CLI's fix. */
export function cliFailure(failure: { code: string; message: string; hint?: string | undefined }, keySource: KeyOrigin = 'keychain'): { message: string; hint: string | undefined } {
  const message = withoutAppSentences(failure.message);
  const hint = failure.hint === undefined ? undefined : withoutAppSentences(failure.hint);
  const code = codeOf(failure.code, failure.message);
  if (keySource !== 'keychain' && HEADLESS_HINTS[code]) {
    return { message: message.text.replace(/^The API key was saved for /, "This run's API key is for "), hint: HEADLESS_HINTS[code] };
  }
  // A code with a terminal's fix gets it; otherwise the core's hint stays (it may already name a command).
  return { message: message.text, hint: HINTS[code] ?? (hint?.text || undefined) };
}

/** A finished send that did not deliver, in the CLI's words (its message was written for the app's Response panel). */
export function cliEntryWords(entry: Pick<HistoryEntry, 'outcome' | 'httpStatus' | 'message'>, keySource: KeyOrigin = 'keychain'): { message: string; hint: string | undefined } {
  const message = entry.message ?? `The send ended as ${entry.outcome}.`;
  // No HTTP status: the key never left (none set, or saved for another address); else HelpCrunch refused it.
  const code = entry.outcome === 'unauthorized' && entry.httpStatus === null ? codeOf('no_key', message) : entry.outcome;
  return cliFailure({ code, message }, keySource);
}

/** A key "missing" because it was saved for another address reads as its own case. */
function codeOf(code: string, message: string): string {
  return code === 'no_key' && /was saved for /.test(message) ? 'withheld' : code;
}

/** The composer's field messages, reworded where they describe the composer (its list, its picker). */
export function cliFieldMessage(field: string, typed: string, message: string): string {
  if (field === 'customer') {
    const text = typed.trim();
    if (text === '') return '--customer: say who the event is for: --customer <id|email>.';
    // The app says "pick from the list, or type their numeric id"; a terminal has only the flag.
    if (!/^\d+$/.test(text)) return `--customer ${text}: give a HelpCrunch customer id (a whole number, like 1001) or their email (--customer ada@example.com).`;
    return `--customer ${text}: ${message}`;
  }
  if (field === 'name' && typed.trim() === '') return '--name: give the event name, like --name "Call made".';
  return `--${field}: ${message}`;
}

/** A saved event's field problem, naming the --input that fixes it. */
export function cliInputMessage(key: string, message: string): string {
  return `--input ${key}: ${message}`;
}

/**
 * Every problem at once, never "and 1 more": one alone is the message itself; several get a line
 * saying what could not be done, then one line each.
 */
export function listed(what: string, problems: string[]): string {
  if (problems.length === 1) return problems[0]!;
  return `${what} (${problems.length} problems); nothing was sent:\n${problems.map((problem) => `  ${problem}`).join('\n')}`;
}
