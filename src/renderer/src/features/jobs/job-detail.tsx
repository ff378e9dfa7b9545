import { lazy, Suspense, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { describeHolder, formatEta, ITEM_STATE_LABELS, JOB_STATE_LABELS, type ItemState, type Job, type Plan } from '../../../../shared/jobs.ts';
import { useJobControl, useJobEvents } from '../../api/jobs-hooks.ts';
import { useProfiles } from '../../api/profile-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { JobItemsTable } from './job-items-table.tsx';

// uPlot and the chart load only when a job is shown.
const ThroughputChart = lazy(() => import('./throughput-chart.tsx'));

const number = new Intl.NumberFormat();
const SHOWN_STATES: ItemState[] = ['sent', 'skipped', 'pending', 'sending', 'failed', 'rejected', 'unknown', 'invalid'];

interface JobDetailProps {
  job: Job;
  /** The plan, right after planning: shown until the user starts or discards. */
  plan: Plan | null;
  onOpenHistory: (historyId: number) => void;
  onDiscarded: () => void;
}

/** One job: its plan before it starts, its progress while it runs, and what to do after. */
export function JobDetail({ job, plan, onOpenHistory, onDiscarded }: JobDetailProps) {
  const control = useJobControl();
  const profiles = useProfiles();
  const production = profiles.data?.profiles.find((profile) => profile.id === job.profile && profile.production) ?? null;
  const events = useJobEvents(job.id);
  const [confirm, setConfirm] = useState<'cancel' | 'resend' | 'delivered' | 'takeOver' | null>(null);
  const counts = events.latest && job.state === 'running' ? events.latest.counts : job.counts;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const done = total - (counts.pending ?? 0) - (counts.sending ?? 0);
  const error = [control.start, control.pause, control.cancel, control.retry, control.resolve, control.discard, control.exportResults].find((mutation) => mutation.error)?.error;
  const toSend = counts.pending ?? 0;
  const running = job.state === 'running';
  // Another process holds it but went quiet (stopped, asleep, hung): never taken without asking.
  const stalled = running && job.holder?.stalled === true;
  const silentFor = job.holder ? formatEta(job.holder.silentForMs) : '';

  return (
    <section className="job-detail" aria-labelledby="job-title" data-testid="job-detail" data-state={job.state}>
      <header className="detail-header">
        <h3 id="job-title">
          {/* A plan is not a job until it starts: a discarded plan leaves no job number behind. */}
          {job.state === 'planned' ? 'Plan' : 'Job'} {job.id}: {job.source}
        </h3>
        <span className={`badge ${job.state === 'finished' ? 'ok' : job.state === 'running' && !stalled ? 'busy' : 'warn'}`} data-testid="job-state">
          {stalled ? 'Stalled' : JOB_STATE_LABELS[job.state]}
        </span>
      </header>
      {job.note && <p className="outcome-message">{job.note}</p>}
      {job.runningElsewhere && <p className="notice warning">{job.holder ? `Running in ${describeHolder(job.holder)}.` : 'Another Event Desk process (a CLI run or another window) is running this job.'}</p>}
      {stalled && job.holder && (
        <p className="notice warning" data-testid="job-stalled">
          Held by {describeHolder(job.holder)}, which has not answered for {silentFor}: it may be stopped (Ctrl+Z), asleep or hung, and may wake up. Take it over only if it is not sending.
        </p>
      )}

      {job.state === 'planned' && (
        <div className="plan" data-testid="plan">
          {production && <p className="plan-production" role="note">This job sends to the production account "{production.name}".</p>}
          <p>
            <strong>{number.format(job.lines)}</strong> read · <strong>{number.format(toSend)}</strong> to send · <strong>{number.format(job.invalid)}</strong> invalid (never sent) · <strong>{number.format(job.duplicates)}</strong> already delivered
            {job.duplicates > 0 && (job.sendDuplicates ? ' (sent again, as asked)' : ' (skipped)')}
            {plan && plan.repeats > 0 && (
              <>
                {' · '}
                <strong>{number.format(plan.repeats)}</strong> repeat an earlier {plan.unit} {job.sendDuplicates ? '(sent again, as asked)' : '(sent once)'}
              </>
            )}
          </p>
          {job.retryMaybeLanded && (
            <p className="plan-production" role="note">
              This job retries answers that may have landed (a timeout, a cut connection, 500/502/504): each such retry can create a second event in a customer's profile.
            </p>
          )}
          {plan && toSend > 0 && <p className="muted">About {formatEta(plan.estimatedMs)} at the rate limit.</p>}
          {plan && plan.invalidSample.length > 0 && (
            <details open className="invalid-list">
              <summary>Invalid {plan.unit}s (not sent)</summary>
              <ul>
                {plan.invalidSample.map((item) => (
                  <li key={item.line}>{item.error}</li>
                ))}
              </ul>
              {job.invalid > plan.invalidSample.length && <p className="muted small">The rest are listed in the items below (show: Invalid).</p>}
            </details>
          )}
          <div className="button-row">
            <Button className="button primary" isDisabled={toSend === 0} onPress={() => control.start.mutate({ id: job.id })} autoFocus>
              Send {number.format(toSend)} event{toSend === 1 ? '' : 's'}
            </Button>
            <Button className="button" onPress={() => control.discard.mutate(job.id, { onSuccess: onDiscarded })}>
              Discard plan
            </Button>
          </div>
        </div>
      )}

      {job.state !== 'planned' && (
        <div className="job-progress" data-testid="job-progress">
          <progress max={Math.max(1, total)} value={done} aria-label={`${done} of ${total} items done`} />
          <p data-testid="job-progress-text">
            {number.format(done)} / {number.format(total)} done
            {events.latest && running && (
              <>
                {' '}
                · {Math.round(events.latest.ratePerMinute)}/min of {Math.round(events.latest.budgetPerMinute)} · ETA {events.latest.etaMs === null ? '?' : formatEta(events.latest.etaMs)}
              </>
            )}
          </p>
          <ul className="count-list" aria-label="Items by outcome">
            {SHOWN_STATES.filter((state) => (counts[state] ?? 0) > 0).map((state) => (
              <li key={state} data-testid={`count-${state}`}>
                {ITEM_STATE_LABELS[state]}: <strong>{number.format(counts[state] ?? 0)}</strong>
              </li>
            ))}
          </ul>
          <div className="button-row">
            {stalled ? (
              <Button className="button primary" onPress={() => setConfirm('takeOver')}>
                Take over and resume ({number.format(toSend)} left)
              </Button>
            ) : running ? (
              <Button className="button" onPress={() => control.pause.mutate(job.id)} isDisabled={job.runningElsewhere}>
                Pause
              </Button>
            ) : (
              (job.state === 'paused' || job.state === 'interrupted' || job.state === 'cancelled') &&
              toSend > 0 && (
                <Button className="button primary" onPress={() => control.start.mutate({ id: job.id })}>
                  Resume ({number.format(toSend)} left)
                </Button>
              )
            )}
            {(running || job.state === 'paused' || job.state === 'interrupted') && (
              <Button className="button danger-outline" onPress={() => setConfirm('cancel')} isDisabled={job.holder !== null}>
                Cancel job
              </Button>
            )}
            {!running && (counts.failed ?? 0) > 0 && (
              <Button className="button" onPress={() => control.retry.mutate({ id: job.id, which: 'failed' })}>
                Retry {number.format(counts.failed ?? 0)} failed
              </Button>
            )}
            {!running && (counts.rejected ?? 0) > 0 && (
              <Button className="button" onPress={() => control.retry.mutate({ id: job.id, which: 'rejected' })}>
                Retry {number.format(counts.rejected ?? 0)} rejected
              </Button>
            )}
            <MenuTrigger>
              <Button className="button">Export results…</Button>
              <Popover className="popover menu-popover">
                <Menu className="menu" onAction={(key) => control.exportResults.mutate({ id: job.id, format: key as 'json' | 'ndjson' | 'csv' })}>
                  <MenuItem id="json" className="menu-item">JSON document (.json)</MenuItem>
                  <MenuItem id="ndjson" className="menu-item">One item per line (.ndjson)</MenuItem>
                  <MenuItem id="csv" className="menu-item">Spreadsheet (.csv)</MenuItem>
                </Menu>
              </Popover>
            </MenuTrigger>
          </div>
          {!running && (counts.unknown ?? 0) > 0 && (
            <div className="notice warning" role="note" data-testid="unknown-items">
              <p>
                {number.format(counts.unknown ?? 0)} item{counts.unknown === 1 ? ' was' : 's were'} in flight when Event Desk stopped, or got no clear answer: {counts.unknown === 1 ? 'it' : 'they'} may or may not be in HelpCrunch. Event Desk never resends {counts.unknown === 1 ? 'it' : 'them'} on its own.
              </p>
              <div className="button-row">
                <Button className="button" onPress={() => setConfirm('resend')}>
                  Send again
                </Button>
                <Button className="button" onPress={() => setConfirm('delivered')}>
                  Count as delivered
                </Button>
              </div>
            </div>
          )}
          {control.exportResults.data && <p className="notice success" role="status">Exported {number.format(control.exportResults.data.count)} items to {control.exportResults.data.path}.</p>}
          <Suspense fallback={<figure className="throughput-chart chart-placeholder" aria-busy="true"><p className="muted small">Loading the chart…</p></figure>}>
            <ThroughputChart series={events.series} />
          </Suspense>
        </div>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      <JobItemsTable jobId={job.id} onOpenHistory={onOpenHistory} />
      <ConfirmDialog
        isOpen={confirm !== null}
        title={confirm === 'takeOver' ? `Take over job ${job.id}?` : confirm === 'cancel' ? `Cancel job ${job.id}?` : confirm === 'resend' ? `Send ${counts.unknown ?? 0} item(s) again?` : `Count ${counts.unknown ?? 0} item(s) as delivered?`}
        message={
          confirm === 'takeOver'
            ? `Another Event Desk process, ${job.holder ? describeHolder(job.holder) : 'another process'}, still holds this job but has not answered for ${silentFor} (stopped with Ctrl+Z, a closed laptop, or hung). If you take over, it sends nothing more when it wakes. The event it was sending may or may not have arrived: it becomes "Outcome unknown" and is not resent on its own.`
            : confirm === 'cancel'
            ? 'Events in flight finish; the rest are not sent. You can resume later.'
            : confirm === 'resend'
              ? 'If HelpCrunch did receive them, the customer profiles will show them twice.'
              : 'They will not be sent again. Check a customer profile first if you are unsure.'
        }
        confirmLabel={confirm === 'takeOver' ? 'Take over and resume' : confirm === 'cancel' ? 'Cancel job' : confirm === 'resend' ? 'Queue to send again' : 'Count as delivered'}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm === 'takeOver') control.start.mutate({ id: job.id, takeOver: true });
          else if (confirm === 'cancel') control.cancel.mutate(job.id);
          else if (confirm) control.resolve.mutate({ id: job.id, decision: confirm });
          setConfirm(null);
        }}
      />
    </section>
  );
}
