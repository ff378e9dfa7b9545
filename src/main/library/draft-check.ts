import type { PlanCheck, Violation } from '../../shared/plan.ts';
import { savedEventDraftSchema, type SavedEventDraft } from '../../shared/saved-events.ts';
import { resolveTemplate, type InputField } from '../../shared/template.ts';
import { Failure } from '../failure.ts';
import { violationLines } from '../plan/plan-checker.ts';

/** A type mismatch ("expected number"): the only rule a field's sample value can speak for. */
const TYPE_RULE = /^expected (string|number|integer|boolean|object|array|null)( or (string|number|integer|boolean|object|array|null))*$/;

/**
 * What a saved event's template would make, checked against the plan when it is saved. Placeholders
 * resolve only at send time, so each input field gets a sample of its type (a choice: its first
 * choice) and the customer a sample customer. A rule broken at a value that comes from an input is
 * kept only when it is about the type (a text field where the plan wants a number): a sample cannot
 * speak for a range or a format the person will type. What the template fixes — the event name, keys
 * that are missing or not allowed, fixed values — is checked in full.
 */
export async function checkSavedDraft(input: SavedEventDraft, check: (event: { name: string; data: Record<string, unknown> }) => Promise<PlanCheck>): Promise<PlanCheck> {
  const parsed = savedEventDraftSchema.safeParse(input);
  // A draft the library refuses is the library's to explain (LibraryService.create), not the plan's.
  if (!parsed.success) return { verdict: 'ok', definition: null, violations: [] };
  const draft = parsed.data;
  const inputs = Object.fromEntries(draft.fields.map((field) => [field.key, sampleOf(field)]));
  const resolved = resolveTemplate(draft.template, draft.fields, { now: new Date(), uuid: () => '00000000-0000-4000-8000-000000000000', customer: { id: 1, email: 'customer@example.com', name: 'Customer', userId: 'customer-1' }, inputs });
  // A template the grammar refuses is the draft schema's to report, not the plan's.
  if (!resolved.ok) return { verdict: 'ok', definition: null, violations: [] };
  const result = await check({ name: draft.name, data: resolved.data });
  const fromInputs = inputPaths(draft.template);
  const violations = result.violations.filter((violation) => !fromInputs.some((path) => violation.path === path || violation.path.startsWith(`${path}.`) || violation.path.startsWith(`${path}[`)) || TYPE_RULE.test(violation.message));
  if (violations.length === result.violations.length) return result;
  return { ...result, verdict: violations.length === 0 ? 'ok' : result.verdict, violations };
}

function sampleOf(field: InputField): string {
  switch (field.type) {
    case 'number':
      return '1';
    case 'yesno':
      return 'yes';
    case 'date':
      return '2026-01-31';
    case 'choice':
      return field.choices[0] ?? 'choice';
    default:
      return 'text';
  }
}

/** Paths ("data.amount", "data.items[0]") whose value comes from an {{input.…}} or {{customer.…}} placeholder (known only at send time). */
function inputPaths(template: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (depth > 20) return;
    if (typeof value === 'string') {
      if (/\{\{\s*(input|customer)\./.test(value)) paths.push(path);
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, depth + 1);
  };
  walk(template, 'data', 0);
  return paths;
}

/** A saved event the tracking plan would block at every send: not saved. */
export class SavedDraftBlockedError extends Failure {
  constructor(name: string, violations: Violation[]) {
    const shown = violationLines(violations.slice(0, 5)).join('; ');
    const more = Math.max(0, violations.length - 5);
    super('plan_violation', `Not saved: the tracking plan blocks "${name.trim()}": ${shown}${more > 0 ? `; and ${more} more` : ''}.`, {
      reason: 'saved',
      params: { name: name.trim(), violations: shown, more },
      hint: 'Fix the template to match the event\'s definition, or change the definition in the workspace.',
    });
  }
}
