import type { Verdict, Violation } from '../../shared/plan.ts';
import { checkRecord } from '../replay/record-check.ts';
import { openFileSource } from '../replay/sources/file-source.ts';
import { recordBatches, type SourceUnit } from '../replay/sources/source.ts';
import { checkAgainst } from './plan-checker.ts';
import type { LoadedPlan } from './workspace.ts';

/** One line (row, item) of a file that breaks the plan, or that is not an event at all. */
export interface FileFinding {
  /** 1-based line, row or item, as the replay planner numbers it. */
  position: number;
  /** The event's name; null when the record is not an event (then `verdict` is "invalid"). */
  name: string | null;
  verdict: Exclude<Verdict, 'ok'> | 'invalid';
  violations: Violation[];
}

export interface FileCheckSummary {
  unit: SourceUnit;
  label: string;
  records: number;
  clean: number;
  warned: number;
  blocked: number;
  invalid: number;
}

/**
 * Checks a replay file (NDJSON, JSON array, CSV, or an Event Desk export) against the plan, read
 * exactly as the replay planner reads it (same sources, same record check), so "clean" here means
 * a replay of it meets no plan violation. Findings go to `found` as they are met: a million-line
 * file is never held. Throws SourceError for a file that cannot be read at all.
 */
export async function checkFile(path: string, plan: LoadedPlan, found: (finding: FileFinding) => void): Promise<FileCheckSummary> {
  const source = await openFileSource(path);
  const summary: FileCheckSummary = { unit: source.unit, label: source.label, records: 0, clean: 0, warned: 0, blocked: 0, invalid: 0 };
  for await (const records of recordBatches(source)) {
    for (const record of records) {
      summary.records += 1;
      const checked = record.problem === undefined ? checkRecord(record.raw) : { problem: record.problem };
      if ('problem' in checked) {
        summary.invalid += 1;
        found({ position: record.position, name: null, verdict: 'invalid', violations: [{ path: 'event', message: checked.problem }] });
        continue;
      }
      const check = checkAgainst(plan, checked.event);
      if (check.verdict === 'ok') {
        summary.clean += 1;
        continue;
      }
      if (check.verdict === 'block') summary.blocked += 1;
      else summary.warned += 1;
      found({ position: record.position, name: checked.event.name, verdict: check.verdict, violations: check.violations });
    }
  }
  return summary;
}
