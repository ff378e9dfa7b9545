import { useState } from 'react';
import { Button, Checkbox, ListBox, ListBoxItem } from 'react-aria-components';
import type { Plan } from '../../../../shared/jobs.ts';
import { useJobs, usePlanFile } from '../../api/jobs-hooks.ts';
import { HistoryDetail } from '../history/history-detail.tsx';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { JobDetail } from './job-detail.tsx';
import { OpenedFileOffer } from './opened-file-offer.tsx';
import { jobStateWords } from './job-words.ts';

interface JobsViewProps {
  /** A plan made elsewhere (History's "Replay…"), shown first. */
  plan: Plan | null;
  onPlan: (plan: Plan | null) => void;
  baseUrl: string;
  onLoad: (entry: HistoryEntry) => void;
}

/** Replay jobs: running, paused, interrupted and finished; plan a new one from a file. */
export function JobsView({ plan, onPlan, baseUrl, onLoad }: JobsViewProps) {
  const t = useT();
  const words = useFailureWords();
  const jobs = useJobs();
  const planFile = usePlanFile();
  const [sendDuplicates, setSendDuplicates] = useState(false);
  const [retryMaybeLanded, setRetryMaybeLanded] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [historyId, setHistoryId] = useState<number | null>(null);
  const list = jobs.data ?? [];
  const shownId = selected ?? plan?.job.id ?? list[0]?.id ?? null;
  const shown = list.find((job) => job.id === shownId) ?? null;

  return (
    <div className="jobs-view">
      <OpenedFileOffer
        options={{ sendDuplicates, retryMaybeLanded }}
        onPlanned={(made) => {
          onPlan(made);
          setSelected(made.job.id);
        }}
      />
      <div className="jobs-toolbar">
        <Button
          className="button primary"
          isPending={planFile.isPending}
          onPress={() =>
            planFile.mutate(
              { sendDuplicates, retryMaybeLanded },
              {
                onSuccess: (made) => {
                  if (!made) return;
                  onPlan(made);
                  setSelected(made.job.id);
                },
              },
            )
          }
        >
          {planFile.isPending ? t('jobs.readingFile') : t('jobs.replayFile')}
        </Button>
        <Checkbox className="checkbox" isSelected={sendDuplicates} onChange={setSendDuplicates}>
          {t('jobs.alsoSendDelivered')}
        </Checkbox>
        <Checkbox className="checkbox" isSelected={retryMaybeLanded} onChange={setRetryMaybeLanded}>
          {t('jobs.alsoRetryMaybeLanded')}
        </Checkbox>
        <p className="muted small">{t('jobs.fileFormats', { key: '<key>' })}</p>
      </div>
      {planFile.error && (
        <p className="notice error" role="alert">
          {words(planFile.error).message}
        </p>
      )}
      <div className="jobs-main">
        <ListBox
          aria-label={t('jobs.listLabel')}
          className="job-list"
          selectionMode="single"
          selectedKeys={shownId === null ? [] : [shownId]}
          onSelectionChange={(keys) => {
            const [key] = keys === 'all' ? [] : [...keys];
            if (key !== undefined) setSelected(Number(key));
          }}
          renderEmptyState={() => <p className="muted empty">{t('jobs.empty')}</p>}
          items={list}
        >
          {(job) => {
            const total = Object.values(job.counts).reduce((sum, count) => sum + count, 0);
            const done = total - (job.counts.pending ?? 0) - (job.counts.sending ?? 0);
            return (
              <ListBoxItem id={job.id} className="job-list-item" textValue={t('jobs.listItemText', { planned: job.state === 'planned' ? 'yes' : 'no', id: job.id, source: job.source })}>
                <span className="job-list-title">{t('jobs.listItemTitle', { planned: job.state === 'planned' ? 'yes' : 'no', id: job.id, source: job.source })}</span>
                <span className="muted small">
                  {job.holder?.stalled ? t('jobs.stalledHeldBy', { pid: String(job.holder.pid) }) : jobStateWords(t, job.state)} · {job.state === 'planned' ? t('jobs.listToSend', { count: job.counts.pending ?? 0 }) : t('jobs.listDone', { done, total })}
                </span>
              </ListBoxItem>
            );
          }}
        </ListBox>
        <div className="job-side">
          {shown ? (
            <JobDetail
              key={shown.id}
              job={shown}
              plan={plan?.job.id === shown.id ? plan : null}
              onOpenHistory={setHistoryId}
              onDiscarded={() => {
                onPlan(null);
                setSelected(null);
              }}
            />
          ) : (
            <p className="muted empty">{t('jobs.chooseJob')}</p>
          )}
          {historyId !== null && <HistoryDetail id={historyId} baseUrl={baseUrl} onLoad={onLoad} onClose={() => setHistoryId(null)} />}
        </div>
      </div>
    </div>
  );
}
