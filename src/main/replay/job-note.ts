import type { JobNoteWords } from '../../shared/jobs.ts';

/** A job's note: the English sentence (the CLI prints it) and, for the window, its code and figures. */
export interface JobNote {
  text: string;
  words?: JobNoteWords;
}

/** The notes a job can get, each made in one place so the text and its code never drift apart. */
export const jobNotes = {
  paused: (): JobNote => ({ text: 'Paused. Resume to send the remaining items.', words: { code: 'paused', params: {} } }),
  cancelled: (): JobNote => ({ text: 'Cancelled; the remaining items were not sent.', words: { code: 'cancelled', params: {} } }),
  originMoved: (madeFor: string, now: string): JobNote => ({
    text: `This job was made for ${madeFor}, and the account now points at ${now}. Resume it to choose where it goes.`,
    words: { code: 'origin_moved', params: { madeFor, now } },
  }),
  keyRejected: (detail: string | null): JobNote => ({
    text: `${detail ?? 'HelpCrunch did not accept the API key.'} Fix the key, then resume the job.`,
    words: { code: 'key_rejected', params: {} },
  }),
  /** Stopped by a problem on this computer (disk full, history not writable): its own words shown as they came. */
  stopped: (detail: string): JobNote => ({ text: detail, words: { code: 'stopped', params: { detail: detail.slice(0, 2000) } } }),
  couldNotStart: (detail: string): JobNote => ({
    text: `The job could not start (${detail}). Resume it to try again.`,
    words: { code: 'could_not_start', params: { detail: detail.slice(0, 2000) } },
  }),
  requeued: (count: number, which: 'failed' | 'rejected'): JobNote => ({
    text: `${count} ${which} item${count === 1 ? '' : 's'} queued again. Resume to send ${count === 1 ? 'it' : 'them'}.`,
    words: { code: 'requeued', params: { count, which } },
  }),
  requeuedResend: (count: number): JobNote => ({
    text: `${count} item${count === 1 ? '' : 's'} queued to be sent again. Resume to send.`,
    words: { code: 'requeued_resend', params: { count } },
  }),
};
