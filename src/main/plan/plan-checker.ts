import type { PlanCheck, Verdict, Violation } from '../../shared/plan.ts';
import { Failure } from '../failure.ts';
import type { LoadedPlan, Workspace } from './workspace.ts';
import { slugOf } from './workspace.ts';

export interface PlanCheckerDeps {
  workspace: Pick<Workspace, 'load' | 'signature' | 'dir'>;
  /** Milliseconds now (the core's clock). */
  now: () => number;
  /**
   * How long a loaded plan is trusted before the files' names, sizes and times are looked at again
   * (one stat per file). 0 looks every time. The app's watcher (workspace-watcher.ts) calls reload() at once on an edit.
   */
  freshForMs?: number;
}

/** The part of an event the plan is about. */
export interface PlannedEvent {
  name: string;
  data: Record<string, unknown>;
}

/**
 * The one place the tracking plan is enforced: every path that sends or plans events asks check()
 * and acts on its verdict (block: never sent; warn: sent, the person told). Schemas are compiled
 * once per load of the workspace, and the workspace is read again only when its files changed.
 */
export class PlanChecker {
  readonly #deps: PlanCheckerDeps;
  #plan: Promise<LoadedPlan> | null = null;
  #signature = '';
  #checkedAt = -Infinity;

  constructor(deps: PlanCheckerDeps) {
    this.#deps = deps;
  }

  /** The plan as loaded (read now if it was never read or its files changed); one load at a time. */
  plan(): Promise<LoadedPlan> {
    const now = this.#deps.now();
    if (this.#plan && now - this.#checkedAt < (this.#deps.freshForMs ?? 1000)) return this.#plan;
    this.#checkedAt = now;
    const signature = this.#deps.workspace.signature();
    if (!this.#plan || signature !== this.#signature) {
      const loading = this.#deps.workspace.load();
      // A load that failed (it reports file problems, so only a bug) is tried again next time.
      loading.catch(() => {
        if (this.#plan === loading) this.#plan = null;
      });
      this.#plan = loading;
      this.#signature = signature;
    }
    return this.#plan;
  }

  /** Forgets the loaded plan: the next check reads the files again. */
  reload(): Promise<LoadedPlan> {
    this.#plan = null;
    this.#checkedAt = -Infinity;
    return this.plan();
  }

  async check(event: PlannedEvent): Promise<PlanCheck> {
    return checkAgainst(await this.plan(), event);
  }

  /** Throws PlanViolationError when the plan blocks the event; returns the check otherwise (ok or warn). */
  async enforce(event: PlannedEvent): Promise<PlanCheck> {
    const check = await this.check(event);
    if (check.verdict === 'block') throw new PlanViolationError(event.name, check.violations);
    return check;
  }
}

/** The verdict of one plan on one event: pure, so a replay planner can call it a million times. */
export function checkAgainst(plan: LoadedPlan, event: PlannedEvent): PlanCheck {
  const name = event.name.trim();
  const loaded = plan.definitions.get(name);
  if (!loaded) {
    // A definition that is there but broken cannot be enforced: say so rather than "not planned".
    const broken = plan.problems.find((problem) => problem.file.startsWith('definitions/') && problem.file.slice(12).replace(/\.(ya?ml|json)$/i, '') === slugOf(name));
    if (broken) return { verdict: 'warn', definition: null, violations: [{ path: 'name', message: `its definition in ${broken.file} cannot be read (${broken.line === null ? '' : `line ${broken.line}: `}${broken.message}), so it was not checked` }] };
    if (plan.settings.onlyPlannedEvents) return { verdict: 'block', definition: null, violations: [{ path: 'name', message: 'is not in the tracking plan, which allows only planned events' }] };
    // An empty workspace is no plan at all: nothing to warn about.
    if (plan.definitions.size === 0) return { verdict: 'ok', definition: null, violations: [] };
    return { verdict: 'warn', definition: null, violations: [{ path: 'name', message: 'is not in the tracking plan' }] };
  }
  const { definition, schema } = loaded;
  const violations: Violation[] = schema.check(event.data);
  let verdict: Verdict = violations.length === 0 ? 'ok' : definition.enforcement;
  // A draft is not agreed yet: it warns, never blocks.
  if (definition.status === 'draft' && verdict === 'block') verdict = 'warn';
  if (definition.status === 'deprecated') {
    violations.unshift({ path: 'name', message: `is deprecated in the tracking plan${definition.description ? ` (${definition.description.slice(0, 200)})` : ''}` });
    if (verdict === 'ok') verdict = 'warn';
  }
  return { verdict, definition: definition.name, violations };
}

/** Violations as one line each: "data.amount: expected number". */
export function violationLines(violations: readonly Violation[]): string[] {
  return violations.map((violation) => `${violation.path}: ${violation.message}`);
}

/** The tracking plan blocks this event: nothing was written to history and nothing was sent. */
export class PlanViolationError extends Failure {
  readonly violations: Violation[];
  constructor(name: string, violations: Violation[]) {
    const shown = violationLines(violations.slice(0, 5)).join('; ');
    const more = violations.length > 5 ? `; and ${violations.length - 5} more` : '';
    super('plan_violation', `Not sent: the tracking plan blocks "${name.trim()}": ${shown}${more}.`, {
      params: { name: name.trim(), violations: shown, more: Math.max(0, violations.length - 5) },
      hint: 'Fix the data to match the event\'s definition, or change the definition in the workspace (event-desk plan show NAME).',
    });
    this.violations = violations;
  }
}
