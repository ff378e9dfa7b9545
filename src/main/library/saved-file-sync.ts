import { createHash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PlanProblem } from '../../shared/plan.ts';
import type { SavedEvent } from '../../shared/saved-events.ts';
import type { SavedEventFile } from '../plan/definition-file.ts';
import { Failure } from '../failure.ts';
import { SAVED_FOLDER, Workspace, type LoadedSaved, type SavedFileEntry } from '../plan/workspace.ts';
import type { SavedEventRepository } from './saved-event-repository.ts';

interface Link {
  saved_event_id: number;
  workspace: string;
  file: string;
  /** The file's hash when last read or written; '' once the app removed it for a delete not yet final. */
  hash: string;
  /** The row's content hash then. */
  content: string;
}

export interface SavedSyncReport {
  added: string[];
  updated: string[];
  written: string[];
  removed: string[];
  /** Files the library could not take (a title this computer uses for its own saved event). */
  problems: PlanProblem[];
}

export interface SavedFileSyncDeps {
  db: DatabaseSync;
  saved: SavedEventRepository;
  /** The workspace as it is now (the app can switch folders). */
  workspace: () => Workspace;
  /** Whether a missing workspace folder may be made (the default one, inside the app's data, is made on first use). */
  mayCreate: (dir: string) => boolean;
  now: () => number;
}

/**
 * Keeps the library and the workspace's saved/ folder in step (docs/tracking-plan.md, "Saved events
 * in the workspace"). The rule: a saved event is either this computer's own (never written to a
 * workspace) or the open workspace's (a file in saved/, mirrored by a library row). For a mirrored
 * one, the side that changed since the last sync wins — an edit in the library is written to the file;
 * an edit to the file (git pull, another editor) updates the library; when both changed, the file
 * (what the team reviewed) wins. Nothing is dropped: a file that does not parse leaves its row alone,
 * a file whose title this computer already uses is listed, and a folder that cannot be listed is
 * never taken for an empty one. Runs one sync at a time; the app runs it at start, after every
 * library edit and whenever the watcher sees the workspace change.
 */
export class SavedFileSync {
  readonly #deps: SavedFileSyncDeps;
  readonly #s: Record<'links' | 'link' | 'unlink' | 'removed' | 'drop' | 'deletedAt', StatementSync>;
  #running: Promise<unknown> = Promise.resolve();
  #problems: PlanProblem[] = [];

  constructor(deps: SavedFileSyncDeps) {
    this.#deps = deps;
    const { db } = deps;
    this.#s = {
      links: db.prepare('SELECT saved_event_id, workspace, file, hash, content FROM saved_event_files'),
      link: db.prepare(`INSERT INTO saved_event_files (saved_event_id, workspace, file, hash, content) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (saved_event_id) DO UPDATE SET workspace = excluded.workspace, file = excluded.file, hash = excluded.hash, content = excluded.content`),
      unlink: db.prepare('DELETE FROM saved_event_files WHERE saved_event_id = ?'),
      removed: db.prepare("UPDATE saved_event_files SET hash = '' WHERE saved_event_id = ?"),
      drop: db.prepare('DELETE FROM saved_events WHERE id = ?'),
      deletedAt: db.prepare('SELECT deleted_at AS at FROM saved_events WHERE id = ?'),
    };
  }

  /** saved/ files of the last sync that are broken or that the library could not take. */
  problems(): PlanProblem[] {
    return this.#problems;
  }

  /** Settles when the sync running now (if any) is over. */
  settled(): Promise<void> {
    return this.#running.then(() => {}, () => {});
  }

  /** Syncs after any sync already running (their effects are seen). Never rejects: what failed is a problem in the report. */
  sync(): Promise<SavedSyncReport> {
    return this.#queue(() => this.#syncSafely());
  }

  /**
   * Moves one of this computer's saved events into the workspace (a file the team shares). Runs in
   * the sync's queue, so a sync never reads the folder half-written; refuses a title a file in saved/
   * already holds (a colleague's event is never overwritten by ours).
   */
  share(id: number): Promise<string> {
    return this.#queue(async () => {
      const event = this.#deps.saved.getAny(id);
      if (!event) throw new Error(`There is no saved event ${id}.`);
      const workspace = this.#deps.workspace();
      const loaded = await workspace.loadSaved();
      // A folder that is gone is not made again (unless it is the default one, made on first use); one not
      // read in full could hold this title in a file not read: either way, nothing is written.
      if ((!loaded.found && !this.#deps.mayCreate(workspace.dir)) || (loaded.found && !loaded.complete)) {
        const detail = loaded.problems.find((problem) => problem.line === null)?.message ?? 'the folder cannot be read';
        throw new Failure('workspace_file', `The saved event was not moved: ${SAVED_FOLDER}/ ${detail}.`, { params: { file: `${SAVED_FOLDER}/`, detail } });
      }
      const taken = loaded.saved.find((entry) => entry.saved.title.toLowerCase() === event.title.toLowerCase());
      if (taken) {
        throw new Failure('workspace_file', `The workspace already has a saved event titled "${taken.saved.title}" (${taken.file}).`, {
          reason: 'title',
          params: { file: taken.file, title: taken.saved.title },
          hint: "Rename this one (Edit), then move it: a colleague's file is never overwritten.",
        });
      }
      // A name free in the folder as listed above (and on disk past the listing's cap): the folder is not read twice.
      const written = await workspace.writeSavedFile(fileOf(event), workspace.freeSavedFile(event.title));
      this.#s.link!.run(id, workspace.dir, written.file, written.hash, contentHash(event));
      return written.file;
    });
  }

  /** Runs `work` after whatever is queued; a failure of one does not stop the next. */
  #queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#running.catch(() => undefined).then(work);
    this.#running = next;
    return next;
  }

  /** A sync whose failure (a folder that vanished mid-read, a disk error) is listed, never thrown at a library edit. */
  async #syncSafely(): Promise<SavedSyncReport> {
    try {
      return await this.#syncOnce();
    } catch (error) {
      const problem: PlanProblem = { file: SAVED_FOLDER, line: null, message: `the saved events could not be synced (${describe(error)})` };
      this.#problems = [problem, ...this.#problems.filter((item) => item.file !== SAVED_FOLDER || item.line !== null)].slice(0, 200);
      return { ...emptyReport(), problems: [problem] };
    }
  }

  async #syncOnce(): Promise<SavedSyncReport> {
    const { saved } = this.#deps;
    const workspace = this.#deps.workspace();
    const report = emptyReport();
    const loaded = await workspace.loadSaved();
    const links = this.#s.links!.all() as unknown as Link[];
    // Another folder's saved events leave the library when their file still holds them (they come back
    // with that folder); one whose file is gone or changed stays, as this computer's own.
    for (const link of links.filter((item) => item.workspace !== workspace.dir)) {
      const event = saved.getAny(link.saved_event_id);
      const there = new Workspace(link.workspace).savedHash(link.file);
      if (event && there !== null && there === link.hash && contentHash(event) === link.content) this.#s.drop!.run(link.saved_event_id);
      else this.#s.unlink!.run(link.saved_event_id);
    }
    const mine = links.filter((item) => item.workspace === workspace.dir);
    const byFile = new Map(loaded.saved.map((entry) => [entry.file, entry]));
    const linkedFiles = new Set(mine.map((link) => link.file));
    for (const link of mine) {
      try {
        await this.#syncLink(link, workspace, loaded, byFile.get(link.file), report);
      } catch (error) {
        // One file that cannot be written or removed is listed; the others still sync.
        report.problems.push({ file: link.file, line: null, message: `could not be synced (${describe(error)})` });
      }
    }
    for (const entry of loaded.saved) {
      if (linkedFiles.has(entry.file)) continue;
      const owner = saved.titleOwner(entry.saved.title);
      if (owner === null) {
        const id = saved.insert({ ...entry.saved, accounts: [] }, this.#deps.now());
        this.#s.link!.run(id, workspace.dir, entry.file, entry.hash, contentHash(saved.getAny(id)!));
        report.added.push(entry.saved.title);
        continue;
      }
      const event = saved.getAny(owner)!;
      const linked = links.some((link) => link.saved_event_id === owner && link.workspace === workspace.dir);
      if (!linked && event.accounts.length === 0 && contentHash(event) === contentHash({ ...entry.saved })) {
        // The same saved event on both sides (shared by hand, or a second checkout): mirrored from now on.
        this.#s.link!.run(owner, workspace.dir, entry.file, entry.hash, contentHash(event));
      } else if (!linked) report.problems.push({ file: entry.file, line: 1, message: `a saved event on this computer is already titled "${entry.saved.title}": rename one of them` });
    }
    // Broken files and the ones the library could not take: the Plan view lists both with the plan's own.
    this.#problems = [...loaded.problems, ...report.problems].slice(0, 200);
    return report;
  }

  /** One linked row and its file: the side that changed since the last sync wins. */
  async #syncLink(link: Link, workspace: Workspace, loaded: LoadedSaved, entry: SavedFileEntry | undefined, report: SavedSyncReport): Promise<void> {
    const { saved } = this.#deps;
    const id = link.saved_event_id;
    const event = saved.getAny(id);
    if (!event) {
      // A delete in the library, not final yet (undo): the file goes now, the link stays for an undo.
      const deleted = this.#s.deletedAt!.get(id) as { at: number | null } | undefined;
      if (deleted?.at != null && link.hash !== '' && entry?.hash === link.hash) {
        workspace.removeSaved(link.file);
        this.#s.removed!.run(id);
        report.removed.push(link.file);
      } else if (deleted?.at == null || (entry && entry.hash !== link.hash)) this.#s.unlink!.run(id);
      return;
    }
    if (!entry) {
      // A broken file keeps its row; so does one past the folder's read cap (still on disk, just not read).
      if (loaded.problems.some((problem) => problem.file === link.file) || workspace.savedHash(link.file) !== null) return;
      if (link.hash === '') {
        // Undone: the file comes back (not into a folder that is gone or that could not be listed).
        if (!loaded.readable) return;
        const written = await workspace.writeSavedFile(fileOf(event), link.file);
        this.#s.link!.run(id, workspace.dir, written.file, written.hash, contentHash(event));
        report.written.push(written.file);
      } else if (loaded.readable) {
        // Removed from the workspace (git pull, a colleague's delete): it leaves the library too.
        this.#s.drop!.run(id);
        report.removed.push(link.file);
      }
      return;
    }
    const content = contentHash(event);
    if (entry.hash !== link.hash) {
      // Changed in the folder: the file wins (also over a library edit made meanwhile).
      const owner = saved.titleOwner(entry.saved.title);
      if (owner !== null && owner !== id) {
        report.problems.push({ file: entry.file, line: 1, message: `a saved event on this computer is already titled "${entry.saved.title}": rename one of them` });
        return;
      }
      saved.update(event.accounts[0] ?? '*', id, { ...entry.saved, accounts: [] }, this.#deps.now());
      this.#s.link!.run(id, workspace.dir, entry.file, entry.hash, contentHash(saved.getAny(id)!));
      report.updated.push(entry.saved.title);
    } else if (content !== link.content) {
      // Changed in the library: written to its file, unless the file changed since it was read (a pull
      // landing mid-sync); the next sync (the watcher's) takes that instead.
      if (workspace.savedHash(link.file) !== entry.hash) return;
      const written = await workspace.writeSavedFile(fileOf(event), link.file);
      this.#s.link!.run(id, workspace.dir, written.file, written.hash, content);
      report.written.push(written.file);
    }
  }
}

function emptyReport(): SavedSyncReport {
  return { added: [], updated: [], written: [], removed: [], problems: [] };
}

/** An error's words for a problem line: a Failure's or a system error's code, never a stack. */
function describe(error: unknown): string {
  if (error instanceof Failure) return error.message;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** What a workspace file holds of a saved event. */
function fileOf(event: SavedEventFile | SavedEvent): SavedEventFile {
  const { title, name, description, defaultCustomer, tags, fields, template } = event;
  return { title, name, description, defaultCustomer, tags, fields, template };
}

/** A hash of what a file would hold, to tell a library edit since the last sync. */
function contentHash(event: SavedEventFile | SavedEvent): string {
  return createHash('sha256').update(JSON.stringify(fileOf(event))).digest('hex');
}
