import type { Job, JobEvent } from '../../../shared/jobs.ts';

/**
 * The list with a running job's counts taken from its latest progress, so the list and the detail
 * (which shows the same progress) never say two different things about one job. Without it the
 * list kept the counts it read when the job started until the job stopped.
 */
export function withProgress(list: Job[] | undefined, event: JobEvent): Job[] | undefined {
  if (!list || event.type !== 'progress') return list;
  return list.map((job) => (job.id === event.jobId && job.state === 'running' ? { ...job, counts: event.counts } : job));
}
