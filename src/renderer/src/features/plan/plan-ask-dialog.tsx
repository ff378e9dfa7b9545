import type { PlanCheck } from '../../../../shared/plan.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { useT } from '../../i18n/use-t.ts';
import { violationText } from '../composer/use-plan-verdict.ts';

/** What the plan warned about, waiting for the person's answer: the event's name and the freshest check. */
export interface PlanAsk {
  name: string;
  check: PlanCheck;
}

/**
 * "Send against the plan?": asked right before a warned send, by every path a person sends from (the
 * composer, the quick log). Yes sends it with `againstPlan`, so History records that it was overridden.
 */
export function PlanAskDialog({ ask, onCancel, onConfirm }: { ask: PlanAsk | null; onCancel: () => void; onConfirm: () => void }) {
  const t = useT();
  const more = (count: number) => t('composer.planMore', { count });
  return (
    <ConfirmDialog
      isOpen={ask !== null}
      title={t('composer.planAskTitle')}
      message={ask ? t('composer.planAskMessage', { name: ask.name, violations: violationText(ask.check, more) }) : ''}
      confirmLabel={t('composer.planAskConfirm')}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
