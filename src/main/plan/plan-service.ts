import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../clock.ts';
import type { ShapeLearner } from '../history/shape-learner.ts';
import { PlanChecker } from './plan-checker.ts';
import { PlanMarks } from './plan-marks.ts';
import { PlanOverviewReader } from './plan-overview.ts';
import { DefinitionProposer, recentDataReader } from './proposal.ts';
import { Workspace } from './workspace.ts';

/** The tracking plan's parts, app-wide: one workspace serves every account (profile). */
export interface PlanParts {
  workspace: Workspace;
  checker: PlanChecker;
  proposer: DefinitionProposer;
  /** What the plan said about sends that went out anyway, and the sends it refused. */
  marks: PlanMarks;
  /** The Plan view's numbers. */
  overview: PlanOverviewReader;
}

/** Where the workspace is when no folder was given: inside the app's data, beside (never inside) history. */
export function defaultWorkspaceDir(userDataDir: string): string {
  return join(userDataDir, 'workspace');
}

export function createPlanParts(deps: { dir: string; db: DatabaseSync; shapes: ShapeLearner; clock: Clock }): PlanParts {
  const workspace = new Workspace(deps.dir);
  const now = () => deps.clock.now();
  const checker = new PlanChecker({ workspace, now });
  return {
    workspace,
    checker,
    marks: new PlanMarks(deps.db),
    overview: new PlanOverviewReader({ db: deps.db, plan: () => checker.plan(), now }),
    proposer: new DefinitionProposer({ shape: (profile, name) => deps.shapes.shape(profile, name), recentData: recentDataReader(deps.db), now }),
  };
}
