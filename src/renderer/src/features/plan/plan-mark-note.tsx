import { usePlanMark } from '../../api/plan-hooks.ts';
import { useT } from '../../i18n/use-t.ts';

/** In a history entry's detail: the tracking plan warned about this send, and whether the person sent it against the plan. */
export function PlanMarkNote({ id }: { id: number }) {
  const t = useT();
  const mark = usePlanMark(id).data;
  if (!mark) return null;
  const violations = mark.violations.map((violation) => `${violation.path}: ${violation.message}`).join('; ');
  return (
    <p className="notice warning" data-testid="plan-mark">
      {mark.overridden ? t('plan.sentAgainst', { violations }) : t('plan.sentWarned', { violations })}
    </p>
  );
}
