import type { ItemState, JobHolder, JobNoteWords, JobState } from '../../../../shared/jobs.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Translate } from '../../i18n/use-t.ts';

/**
 * src/shared/jobs.ts's labels (JOB_STATE_LABELS, ITEM_STATE_LABELS, describeHolder, formatEta) in the
 * window's language; shared keeps the English ones for the CLI. Same English, same logic.
 */
const JOB_STATE_KEYS: Record<JobState, MessageKey> = {
  planning: 'jobs.statePlanning',
  planned: 'jobs.statePlanned',
  running: 'jobs.stateRunning',
  paused: 'jobs.statePaused',
  interrupted: 'jobs.stateInterrupted',
  cancelled: 'jobs.stateCancelled',
  finished: 'jobs.stateFinished',
};

const ITEM_STATE_KEYS: Record<ItemState, MessageKey> = {
  pending: 'jobs.itemPending',
  sending: 'jobs.itemSending',
  sent: 'jobs.itemSent',
  rejected: 'jobs.itemRejected',
  failed: 'jobs.itemFailed',
  skipped: 'jobs.itemSkipped',
  unknown: 'jobs.itemUnknown',
  invalid: 'jobs.itemInvalid',
};

export function jobStateWords(t: Translate, state: JobState): string {
  return t(JOB_STATE_KEYS[state]);
}

export function itemStateWords(t: Translate, state: ItemState): string {
  return t(ITEM_STATE_KEYS[state]);
}

/** "the Event Desk app (pid 42 on host)" or "an event-desk CLI run (pid 42 on host)". */
export function holderWords(t: Translate, holder: Pick<JobHolder, 'kind' | 'pid' | 'host'>): string {
  return t('jobs.holder', { kind: holder.kind === 'app' ? 'app' : 'cli', pid: String(holder.pid), host: holder.host });
}

/** A duration to wait: "under a second", "40 s", "3 min 5 s", "2 h 10 min". */
export function etaWords(t: Translate, ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return t('jobs.etaUnderSecond');
  if (seconds < 60) return t('jobs.etaSeconds', { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('jobs.etaMinutes', { minutes, seconds: seconds % 60 });
  return t('jobs.etaHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/**
 * An item's detail in the items table. English keeps main's sentence (the send's message, the
 * duplicate it was skipped for); other languages say what the state and status mean, worded here.
 * An invalid line keeps the plan's own words (line, field and the composer's message).
 */
export function itemDetailWords(t: Translate, locale: string, item: { state: ItemState; httpStatus: number | null; error: string | null }): string {
  if (locale === 'en' || item.error === null || item.state === 'invalid') return item.error ?? '';
  switch (item.state) {
    case 'rejected':
      return item.httpStatus === null ? t('jobs.detailRejectedBefore') : t('jobs.detailRejected', { status: item.httpStatus });
    case 'failed':
      return t('jobs.detailFailed');
    case 'unknown':
      return t('jobs.detailUnknown');
    case 'skipped':
      return t('jobs.detailSkipped');
    default:
      return item.error;
  }
}

const NOTE_KEYS: Record<JobNoteWords['code'], MessageKey> = {
  paused: 'jobs.notePaused',
  cancelled: 'jobs.noteCancelled',
  interrupted: 'jobs.noteInterrupted',
  origin_moved: 'jobs.noteOriginMoved',
  key_rejected: 'jobs.noteKeyRejected',
  stopped: 'jobs.noteStopped',
  could_not_start: 'jobs.noteCouldNotStart',
  requeued: 'jobs.noteRequeued',
  requeued_resend: 'jobs.noteRequeuedResend',
};

/**
 * A job's note in the window's language, from the code and figures main stored with it. English keeps
 * main's own sentence (what the CLI prints); a note from before codes were stored is shown as written.
 */
export function jobNoteWords(t: Translate, locale: string, job: { note: string | null; noteWords?: JobNoteWords | null }): string | null {
  if (job.note === null) return null;
  if (locale === 'en' || !job.noteWords) return job.note;
  const { code, params } = job.noteWords;
  return t(NOTE_KEYS[code], { madeFor: '', now: '', detail: '', count: 0, which: '', ...params });
}
