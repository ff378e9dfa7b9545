import type { ProfileContext } from '../profiles/profile-context.ts';
import type { Core } from './create-core.ts';

/** Once per start: sends of dead runs and retention, each said to the user once. */
export function startupMaintenance(core: Core, contexts: ReadonlyMap<string, ProfileContext>): void {
  const { history, clock, notices, run } = core;
  const live = run.liveRunIds();
  // A process that still exists but has gone quiet (stopped, asleep) may wake and finish what it is
  // sending: its sends and outbox items are left alone, as its jobs are (job-lease.ts).
  const present = run.presentRunIds();
  const interrupted = history.markInterruptedAsUnknown(clock.now(), present);
  // Recovery covers every profile's rows at once: any one scope's services can run it.
  const any = core.activeScope();
  const orphans = any.replay.recover();
  const outboxUnknown = any.outbox.recover(present);
  if (outboxUnknown > 0) notices.push({ code: 'outbox_unknown', params: { count: outboxUnknown }, message: `${outboxUnknown} outbox ${outboxUnknown === 1 ? 'item was' : 'items were'} being sent when Event Desk stopped: marked "Outcome unknown" in the outbox (never resent on their own).` });
  run.forgetDead(live);
  if (orphans.jobs > 0) {
    notices.push({ code: 'job_interrupted', params: { jobs: orphans.jobs, items: orphans.items }, message: `${orphans.jobs} replay ${orphans.jobs === 1 ? 'job was' : 'jobs were'} interrupted when Event Desk last stopped${orphans.items > 0 ? `; ${orphans.items} ${orphans.items === 1 ? 'item was' : 'items were'} in flight and ${orphans.items === 1 ? 'is' : 'are'} marked "Outcome unknown" (never resent on ${orphans.items === 1 ? 'its' : 'their'} own)` : ''}. Open Jobs to resume.` });
  }
  if (interrupted > 0) {
    notices.push({ code: 'outcome_unknown', params: { count: interrupted }, message: `${interrupted} ${interrupted === 1 ? 'send was' : 'sends were'} interrupted when Event Desk last closed. ${interrupted === 1 ? 'It is' : 'They are'} marked "Outcome unknown" in History: check before sending again.` });
  }
  for (const [profile, context] of contexts) {
    const retentionDays = context.store.retentionDays();
    if (retentionDays === null) continue;
    const removed = history.deleteOlderThan(profile, clock.now() - retentionDays * 86_400_000);
    if (removed > 0) notices.push({ code: 'retention', params: { count: removed, days: retentionDays }, message: `${removed} history ${removed === 1 ? 'entry' : 'entries'} older than ${retentionDays} days ${removed === 1 ? 'was' : 'were'} removed (Settings → History).` });
  }
  // Refusals counted for the Plan view's 30 days, no longer.
  core.plan.marks.prune(clock.now() - 30 * 86_400_000);
  // The text index and the fingerprints of old rows catch up in the background (createCore starts
  // both): neither may hold the first page, whatever the history's size.
}
