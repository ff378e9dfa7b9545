import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../clock.ts';
import type { ShapeLearner } from '../history/shape-learner.ts';
import { PlanChecker } from './plan-checker.ts';
import { PlanMarks } from './plan-marks.ts';
import { PlanOverviewReader } from './plan-overview.ts';
import { DefinitionProposer, recentDataReader } from './proposal.ts';
import { Workspace } from './workspace.ts';
import type { WorkspaceWatcher } from './workspace-watcher.ts';

/** Called after the plan was read again: an edit seen by the watcher, or a switch to another folder. */
export type PlanListener = () => void | Promise<void>;

/** The tracking plan's parts, app-wide: one workspace serves every account (profile). */
export interface PlanParts {
  /**
   * The workspace in use now. A getter: "Open workspace folder…" swaps it, so read it at each use and
   * never keep it (a request that already read it finishes with that folder, as a send keeps its check).
   */
  readonly workspace: Workspace;
  checker: PlanChecker;
  proposer: DefinitionProposer;
  /** What the plan said about sends that went out anyway, and the sends it refused. */
  marks: PlanMarks;
  /** The Plan view's numbers (it follows the checker, so a switch needs nothing of its own there). */
  overview: PlanOverviewReader;
  /** The watcher on the current folder (the app's), or null (the CLI, or a folder that cannot be watched). */
  watcher(): WorkspaceWatcher | null;
  /**
   * Uses another folder from now on: the checker reads it, the watcher moves to it (the old one is
   * closed), then the listeners run. Switches run one at a time, in the order asked.
   */
  switchTo(dir: string): Promise<void>;
  /**
   * Adds a listener run after every reload of the plan: one the watcher caused (an edit, `git pull`) or
   * a switch of folder, after the checker has the new plan and before the window hears `plan:changed`.
   * Listeners run in the order added and are awaited one by one; one that throws does not stop the others
   * nor the push (the next change runs it again). Returns a function that removes it.
   */
  onChange(listener: PlanListener): () => void;
  /** Closes the watcher (the core's close). */
  close(): Promise<void>;
}

/** Where the workspace is when no folder was given: inside the app's data, beside (never inside) history. */
export function defaultWorkspaceDir(userDataDir: string): string {
  return join(userDataDir, 'workspace');
}

export interface PlanPartsDeps {
  dir: string;
  db: DatabaseSync;
  shapes: ShapeLearner;
  clock: Clock;
  /** Starts a watcher on a folder (the app's; none in the CLI). Returns null when it cannot watch. */
  watch?: (dir: string, changed: () => void) => WorkspaceWatcher | null;
  /** Tells the window the plan changed (`plan:changed`), after the listeners. */
  changed?: () => void;
}

export function createPlanParts(deps: PlanPartsDeps): PlanParts {
  let workspace = new Workspace(deps.dir);
  let watcher: WorkspaceWatcher | null = null;
  const listeners: PlanListener[] = [];
  const now = () => deps.clock.now();
  // The checker and the overview reach the workspace through this, so a switch reaches them at once.
  const current: Pick<Workspace, 'load' | 'signature' | 'dir'> = {
    load: () => workspace.load(),
    signature: () => workspace.signature(),
    get dir() {
      return workspace.dir;
    },
  };
  const checker = new PlanChecker({ workspace: current, now });

  /** The plan read again, then the listeners, then the window told. */
  const reloaded = async () => {
    await checker.reload();
    for (const listener of listeners.slice()) {
      try {
        await listener();
      } catch {
        // A listener's own failure (a sync that could not write) is its to report; the plan is read.
      }
    }
    try {
      deps.changed?.();
    } catch {
      // A window already gone: it reads the plan afresh when it opens.
    }
  };
  let closed = false;
  const watch = (dir: string) => {
    if (!deps.watch || closed) return null;
    const watched = workspace;
    // A late event of a folder left behind is not this folder's change.
    return deps.watch(dir, () => {
      if (workspace === watched) void reloaded().catch(() => {});
    });
  };
  watcher = watch(workspace.dir);

  let switching: Promise<void> = Promise.resolve();
  const switchTo = (dir: string): Promise<void> => {
    const next = switching.then(async () => {
      const old = watcher;
      workspace = new Workspace(dir);
      watcher = null;
      await old?.close().catch(() => {});
      watcher = watch(workspace.dir);
      await reloaded();
    });
    switching = next.catch(() => {});
    return next;
  };

  return {
    get workspace() {
      return workspace;
    },
    checker,
    marks: new PlanMarks(deps.db),
    overview: new PlanOverviewReader({ db: deps.db, plan: () => checker.plan(), now }),
    proposer: new DefinitionProposer({ shape: (profile, name) => deps.shapes.shape(profile, name), recentData: recentDataReader(deps.db), now }),
    watcher: () => watcher,
    switchTo,
    onChange: (listener) => {
      listeners.push(listener);
      return () => {
        const at = listeners.indexOf(listener);
        if (at >= 0) listeners.splice(at, 1);
      };
    },
    close: async () => {
      closed = true;
      const old = watcher;
      watcher = null;
      await old?.close();
    },
  };
}
