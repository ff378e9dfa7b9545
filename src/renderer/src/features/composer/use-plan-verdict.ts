import { useMemo } from 'react';
import { parseDataText } from '../../../../shared/event.ts';
import type { PlanCheck } from '../../../../shared/plan.ts';
import { usePlanCheck, usePlanCheckNow, useSettled } from '../../api/plan-hooks.ts';

/** The draft as the plan sees it: its name and its data, once both are there. */
function plannedEvent(name: string, dataText: string): { event: { name: string; data: Record<string, unknown> }; key: string } | null {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 255) return null;
  const data = parseDataText(dataText);
  if (!data.ok) return null;
  return { event: { name: trimmed, data: data.value }, key: JSON.stringify([trimmed, dataText]) };
}

/**
 * What the tracking plan says about the composer's draft, asked of main once typing pauses (main
 * compiles the plan's schemas; the renderer's CSP forbids doing it here). `checkNow` asks again at
 * once, for the send button: the verdict it acts on is never one pause old.
 */
export function usePlanVerdict(name: string, dataText: string): {
  check: PlanCheck | null;
  checkNow: () => Promise<PlanCheck> | null;
} {
  const settled = useSettled(useMemo(() => ({ name, dataText }), [name, dataText]));
  const planned = useMemo(() => plannedEvent(settled.name, settled.dataText), [settled]);
  const query = usePlanCheck(planned?.event ?? null, planned?.key ?? '');
  const now = usePlanCheckNow();
  // A verdict about text that is no longer there (the name was cleared) is not shown.
  const check = planned && query.data ? query.data : null;
  return {
    check,
    checkNow: () => {
      const current = plannedEvent(name, dataText);
      return current ? now(current.event, current.key) : null;
    },
  };
}

/** Violations the way main words them ("data.amount: expected number"), the first few, then how many more (`more` words it). */
export function violationText(check: PlanCheck, more: (count: number) => string, max = 3): string {
  const shown = check.violations.slice(0, max).map((violation) => `${violation.path}: ${violation.message}`);
  if (check.violations.length > max) shown.push(more(check.violations.length - max));
  return shown.join('; ');
}
