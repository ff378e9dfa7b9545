import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ItemState, Job, Plan } from '../../../../shared/jobs.ts';
import { useJobControl, useJobEvents } from '../../api/jobs-hooks.ts';
import { useProfiles } from '../../api/profile-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { JobItemsTable } from './job-items-table.tsx';
import { etaWords, holderWords, itemStateWords, jobNoteWords, jobStateWords } from './job-words.ts';

// uPlot and the chart load only when a job is shown.
const ThroughputChart = lazy(() => import('./throughput-chart.tsx'));

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
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
  const t = useT();
  const words = useFailureWords();
  const intl = useIntl();
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
  const silentFor = job.holder ? etaWords(t, job.holder.silentForMs) : '';
  const holder = job.holder ? holderWords(t, job.holder) : '';
  const unknown = counts.unknown ?? 0;

  return (
    <section className="job-detail" aria-labelledby="job-title" data-testid="job-detail" data-state={job.state}>
      <header className="detail-header">
        <h3 id="job-title">
          {/* A plan is not a job until it starts: a discarded plan leaves no job number behind. */}
          {t('jobs.title', { planned: job.state === 'planned' ? 'yes' : 'no', id: job.id, source: job.source })}
        </h3>
        <span className={`badge ${job.state === 'finished' ? 'ok' : job.state === 'running' && !stalled ? 'busy' : 'warn'}`} data-testid="job-state">
          {stalled ? t('jobs.stalled') : jobStateWords(t, job.state)}
        </span>
      </header>
      {job.note && <p className="outcome-message">{jobNoteWords(t, intl.locale, job)}</p>}
      {job.runningElsewhere && <p className="notice warning">{job.holder ? t('jobs.runningIn', { holder }) : t('jobs.runningElsewhere')}</p>}
      {stalled && job.holder && (
        <p className="notice warning" data-testid="job-stalled">
          {t('jobs.stalledNotice', { holder, silentFor })}
        </p>
      )}

      {job.state === 'planned' && (
        <div className="plan" data-testid="plan">
          {production && <p className="plan-production" role="note">{t('jobs.planProduction', { name: production.name })}</p>}
          <p>
            <FormattedMessage id="jobs.planSummary" values={{ lines: job.lines, toSend, invalid: job.invalid, duplicates: job.duplicates, b: bold }} />
            {job.duplicates > 0 && (job.sendDuplicates ? t('jobs.duplicatesSentAgain') : t('jobs.duplicatesSkipped'))}
            {plan && plan.repeats > 0 && <FormattedMessage id="jobs.planRepeats" values={{ repeats: plan.repeats, unit: plan.unit, again: job.sendDuplicates ? 'yes' : 'no', b: bold }} />}
          </p>
          {job.retryMaybeLanded && (
            <p className="plan-production" role="note">
              {t('jobs.retryMaybeLandedNote')}
            </p>
          )}
          {plan && toSend > 0 && <p className="muted">{t('jobs.estimate', { eta: etaWords(t, plan.estimatedMs) })}</p>}
          {plan && plan.invalidSample.length > 0 && (
            <details open className="invalid-list">
              <summary>{t('jobs.invalidUnits', { unit: plan.unit })}</summary>
              <ul>
                {plan.invalidSample.map((item) => (
                  <li key={item.line}>{item.error}</li>
                ))}
              </ul>
              {job.invalid > plan.invalidSample.length && <p className="muted small">{t('jobs.invalidRest')}</p>}
            </details>
          )}
          {plan && plan.trackingPlan.blocked + plan.trackingPlan.warned > 0 && (
            <details open className="invalid-list" data-testid="plan-tracking">
              <summary>{t('jobs.trackingPlanSummary', { blocked: plan.trackingPlan.blocked, warned: plan.trackingPlan.warned })}</summary>
              <ul>
                {plan.trackingPlan.warnedSample.map((item) => (
                  <li key={item.line}>{item.error}</li>
                ))}
              </ul>
            </details>
          )}
          <div className="button-row">
            <Button className="button primary" isDisabled={toSend === 0} onPress={() => control.start.mutate({ id: job.id })} autoFocus>
              {t('jobs.sendEvents', { count: toSend })}
            </Button>
            <Button className="button" onPress={() => control.discard.mutate(job.id, { onSuccess: onDiscarded })}>
              {t('jobs.discardPlan')}
            </Button>
          </div>
        </div>
      )}

      {job.state !== 'planned' && (
        <div className="job-progress" data-testid="job-progress">
          <progress max={Math.max(1, total)} value={done} aria-label={t('jobs.progressLabel', { done, total })} />
          <p data-testid="job-progress-text">
            {t('jobs.progressDone', { done, total })}
            {events.latest && running && t('jobs.rate', { rate: Math.round(events.latest.ratePerMinute), budget: Math.round(events.latest.budgetPerMinute), eta: events.latest.etaMs === null ? '?' : etaWords(t, events.latest.etaMs) })}
          </p>
          <ul className="count-list" aria-label={t('jobs.itemsByOutcome')}>
            {SHOWN_STATES.filter((state) => (counts[state] ?? 0) > 0).map((state) => (
              <li key={state} data-testid={`count-${state}`}>
                {itemStateWords(t, state)}: <strong>{intl.formatNumber(counts[state] ?? 0)}</strong>
              </li>
            ))}
          </ul>
          <div className="button-row">
            {stalled ? (
              <Button className="button primary" onPress={() => setConfirm('takeOver')}>
                {t('jobs.takeOverResume', { count: toSend })}
              </Button>
            ) : running ? (
              <Button className="button" onPress={() => control.pause.mutate(job.id)} isDisabled={job.runningElsewhere}>
                {t('jobs.pause')}
              </Button>
            ) : (
              (job.state === 'paused' || job.state === 'interrupted' || job.state === 'cancelled') &&
              toSend > 0 && (
                <Button className="button primary" onPress={() => control.start.mutate({ id: job.id })}>
                  {t('jobs.resume', { count: toSend })}
                </Button>
              )
            )}
            {(running || job.state === 'paused' || job.state === 'interrupted') && (
              <Button className="button danger-outline" onPress={() => setConfirm('cancel')} isDisabled={job.holder !== null}>
                {t('jobs.cancelJob')}
              </Button>
            )}
            {!running && (counts.failed ?? 0) > 0 && (
              <Button className="button" onPress={() => control.retry.mutate({ id: job.id, which: 'failed' })}>
                {t('jobs.retryFailed', { count: counts.failed ?? 0 })}
              </Button>
            )}
            {!running && (counts.rejected ?? 0) > 0 && (
              <Button className="button" onPress={() => control.retry.mutate({ id: job.id, which: 'rejected' })}>
                {t('jobs.retryRejected', { count: counts.rejected ?? 0 })}
              </Button>
            )}
            <MenuTrigger>
              <Button className="button">{t('jobs.exportResults')}</Button>
              <Popover className="popover menu-popover">
                <Menu className="menu" onAction={(key) => control.exportResults.mutate({ id: job.id, format: key as 'json' | 'ndjson' | 'csv' })}>
                  <MenuItem id="json" className="menu-item">{t('history.formatJson')}</MenuItem>
                  <MenuItem id="ndjson" className="menu-item">{t('jobs.formatNdjson')}</MenuItem>
                  <MenuItem id="csv" className="menu-item">{t('history.formatCsv')}</MenuItem>
                </Menu>
              </Popover>
            </MenuTrigger>
          </div>
          {!running && (counts.unknown ?? 0) > 0 && (
            <div className="notice warning" role="note" data-testid="unknown-items">
              <p>
                {t('jobs.unknownItems', { count: unknown })}
              </p>
              <div className="button-row">
                <Button className="button" onPress={() => setConfirm('resend')}>
                  {t('jobs.sendAgain')}
                </Button>
                <Button className="button" onPress={() => setConfirm('delivered')}>
                  {t('jobs.countDelivered')}
                </Button>
              </div>
            </div>
          )}
          {control.exportResults.data && <p className="notice success" role="status">{t('jobs.exported', { count: control.exportResults.data.count, path: control.exportResults.data.path })}</p>}
          <Suspense fallback={<figure className="throughput-chart chart-placeholder" aria-busy="true"><p className="muted small">{t('jobs.loadingChart')}</p></figure>}>
            <ThroughputChart series={events.series} />
          </Suspense>
        </div>
      )}
      {error && (
        <p className="notice error" role="alert">
          {words(error).message}
        </p>
      )}
      <JobItemsTable jobId={job.id} onOpenHistory={onOpenHistory} />
      <ConfirmDialog
        isOpen={confirm !== null}
        title={confirm === 'takeOver' ? t('jobs.confirmTakeOver', { id: job.id }) : confirm === 'cancel' ? t('jobs.confirmCancel', { id: job.id }) : confirm === 'resend' ? t('jobs.confirmResend', { count: unknown }) : t('jobs.confirmDelivered', { count: unknown })}
        message={
          confirm === 'takeOver'
            ? t('jobs.takeOverMessage', { holder: job.holder ? holder : t('jobs.anotherProcess'), silentFor })
            : confirm === 'cancel'
            ? t('jobs.cancelMessage')
            : confirm === 'resend'
              ? t('jobs.resendMessage')
              : t('jobs.deliveredMessage')
        }
        confirmLabel={confirm === 'takeOver' ? t('jobs.takeOverConfirm') : confirm === 'cancel' ? t('jobs.cancelJob') : confirm === 'resend' ? t('jobs.queueAgain') : t('jobs.countDelivered')}
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
