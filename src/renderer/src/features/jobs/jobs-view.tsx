import { useState } from 'react';
import { Button, Checkbox, ListBox, ListBoxItem } from 'react-aria-components';
import { JOB_STATE_LABELS, type Plan } from '../../../../shared/jobs.ts';
import { useJobs, usePlanFile } from '../../api/jobs-hooks.ts';
import { HistoryDetail } from '../history/history-detail.tsx';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { JobDetail } from './job-detail.tsx';

interface JobsViewProps {
  /** A plan made elsewhere (History's "Replay…"), shown first. */
  plan: Plan | null;
  onPlan: (plan: Plan | null) => void;
  baseUrl: string;
  onLoad: (entry: HistoryEntry) => void;
}

/** Replay jobs: running, paused, interrupted and finished; plan a new one from a file. */
export function JobsView({ plan, onPlan, baseUrl, onLoad }: JobsViewProps) {
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
          {planFile.isPending ? 'Reading the file…' : 'Replay a file…'}
        </Button>
        <Checkbox className="checkbox" isSelected={sendDuplicates} onChange={setSendDuplicates}>
          Also send events that were already delivered or may have landed
        </Checkbox>
        <Checkbox className="checkbox" isSelected={retryMaybeLanded} onChange={setRetryMaybeLanded}>
          Also retry answers that may have landed (risk: duplicates)
        </Checkbox>
        <p className="muted small">NDJSON, a JSON array, an Event Desk export, or CSV (name, customer, data or data.&lt;key&gt;). Nothing is sent before you confirm the plan.</p>
      </div>
      {planFile.error && (
        <p className="notice error" role="alert">
          {planFile.error.message}
        </p>
      )}
      <div className="jobs-main">
        <ListBox
          aria-label="Replay jobs, newest first"
          className="job-list"
          selectionMode="single"
          selectedKeys={shownId === null ? [] : [shownId]}
          onSelectionChange={(keys) => {
            const [key] = keys === 'all' ? [] : [...keys];
            if (key !== undefined) setSelected(Number(key));
          }}
          renderEmptyState={() => <p className="muted empty">No replay jobs yet. Replay a file, or select entries in History and choose "Replay…".</p>}
          items={list}
        >
          {(job) => {
            const total = Object.values(job.counts).reduce((sum, count) => sum + count, 0);
            const done = total - (job.counts.pending ?? 0) - (job.counts.sending ?? 0);
            return (
              <ListBoxItem id={job.id} className="job-list-item" textValue={`${job.state === 'planned' ? 'Plan' : 'Job'} ${job.id} ${job.source}`}>
                <span className="job-list-title">
                  {job.state === 'planned' ? 'Plan' : 'Job'} {job.id} · {job.source}
                </span>
                <span className="muted small">
                  {job.holder?.stalled ? `Stalled · held by pid ${job.holder.pid}` : JOB_STATE_LABELS[job.state]} · {job.state === 'planned' ? `${job.counts.pending ?? 0} to send` : `${done}/${total} done`}
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
            <p className="muted empty">Choose a job, or replay a file.</p>
          )}
          {historyId !== null && <HistoryDetail id={historyId} baseUrl={baseUrl} onLoad={onLoad} onClose={() => setHistoryId(null)} />}
        </div>
      </div>
    </div>
  );
}
