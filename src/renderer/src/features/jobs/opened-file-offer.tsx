import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { Plan } from '../../../../shared/jobs.ts';
import { useOpenedFile, usePlanOpened } from '../../api/update-hooks.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * A file the app was asked to open (a double click on a .ndjson, `event-desk-app events.ndjson`):
 * offered for a replay plan, never sent on its own. Main keeps the path; the window names only the file.
 */
export function OpenedFileOffer({ options, onPlanned }: { options: { sendDuplicates: boolean; retryMaybeLanded: boolean }; onPlanned: (plan: Plan) => void }) {
  const t = useT();
  const opened = useOpenedFile();
  const plan = usePlanOpened();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!opened.data || opened.data.name === dismissed) return plan.error ? <p className="notice error" role="alert">{plan.error.message}</p> : null;
  return (
    <div className="notice" role="region" aria-label={t('jobs.openedFileLabel', { name: opened.data.name })} data-testid="opened-file">
      <p>{t('jobs.openedFile', { name: opened.data.name })}</p>
      <div className="button-row">
        <Button className="button primary" isPending={plan.isPending} onPress={() => plan.mutate(options, { onSuccess: (made) => made && onPlanned(made) })}>
          {t('jobs.openedFilePlan')}
        </Button>
        <Button className="button" onPress={() => setDismissed(opened.data?.name ?? null)} isDisabled={plan.isPending}>
          {t('jobs.openedFileDismiss')}
        </Button>
      </div>
    </div>
  );
}
