import { statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';

/** What a file association or a path on the command line may hand to Replay. */
const REPLAY_EXTENSIONS = new Set(['.ndjson', '.jsonl', '.json', '.csv']);
const MAX_PATH = 4096;

function isRegularFile(path: string): boolean {
  try {
    // FIFOs and devices are refused here too: reading one would hang the planner.
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The events file a launch was asked to open: `event-desk-app events.ndjson`, a double click on a
 * .ndjson (Windows and Linux pass it on the command line; a second launch hands its argv to the first).
 * Chromium's own switches and the app's path are skipped; the last file that exists wins.
 */
export function replayFileFromArgv(argv: readonly string[], cwd: string, isFile: (path: string) => boolean = isRegularFile): string | null {
  let found: string | null = null;
  for (const argument of argv.slice(1)) {
    if (argument.startsWith('-') || argument.length > MAX_PATH || argument.includes('\0')) continue;
    if (!REPLAY_EXTENSIONS.has(extname(argument).toLowerCase())) continue;
    const path = resolve(cwd, argument);
    if (isFile(path)) found = path;
  }
  return found;
}

/**
 * The one file waiting to be replayed. Main keeps the path; the window only learns its name and
 * asks main to plan "the opened file", so a page can never name a path of its choosing.
 */
export class OpenedFiles {
  #pending: string | null = null;
  readonly #announce: (name: string) => void;

  constructor(announce: (name: string) => void) {
    this.#announce = announce;
  }

  offer(path: string | null, isFile: (path: string) => boolean = isRegularFile): void {
    // macOS's open-file hands a path directly: the same checks as one on the command line (no FIFO).
    if (path === null || path.length > MAX_PATH || !REPLAY_EXTENSIONS.has(extname(path).toLowerCase()) || !isFile(path)) return;
    this.#pending = path;
    this.#announce(basename(path));
  }

  /** The waiting file's name, for the window to offer it. */
  name(): string | null {
    return this.#pending === null ? null : basename(this.#pending);
  }

  /** The waiting file's path, once: planning it takes it. */
  take(): string | null {
    const path = this.#pending;
    this.#pending = null;
    return path;
  }
}
