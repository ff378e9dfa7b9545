import { describe, expect, it } from 'vitest';
import { withProgress } from '../../src/renderer/src/api/job-list-progress.ts';
import type { Job, JobEvent } from '../../src/shared/jobs.ts';

const job = (id: number, state: Job['state'], counts: Record<string, number>) => ({ id, state, counts }) as unknown as Job;

describe('the Jobs list and the detail read the same state', () => {
  it('a running job\'s counts in the list follow its progress, as the detail\'s do', () => {
    const list = [job(2, 'running', { pending: 10 }), job(1, 'finished', { sent: 5 })];
    const progress = { type: 'progress', jobId: 2, at: 1, counts: { sent: 4, pending: 6 }, total: 10, ratePerMinute: 60, pacePerMinute: 60, budgetPerMinute: 60, etaMs: 6000 } as JobEvent;
    expect(withProgress(list, progress)!.map((item) => item.counts)).toEqual([{ sent: 4, pending: 6 }, { sent: 5 }]);
    // A late progress event never rewrites a job that has stopped since.
    expect(withProgress([job(2, 'paused', { sent: 5, pending: 5 })], progress)![0]!.counts).toEqual({ sent: 5, pending: 5 });
    expect(withProgress(undefined, progress)).toBeUndefined();
  });
});
