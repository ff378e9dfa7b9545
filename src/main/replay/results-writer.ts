import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Job, JobItem } from '../../shared/jobs.ts';
import { Failure } from '../failure.ts';
import { writeAtomically } from '../storage/atomic-file.ts';

export type ResultsFormat = 'json' | 'ndjson' | 'csv';

const CSV_COLUMNS = ['seq', 'line', 'state', 'name', 'customer', 'data', 'httpStatus', 'eventId', 'historyId', 'attempts', 'error'] as const;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes. Formula-looking cells are prefixed so spreadsheets do not run them. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A job's per-item results, streamed: to a file (written atomically) or to an open stream (stdout). */
export async function writeItems(job: Job, items: Iterable<JobItem>, format: ResultsFormat, target: { path: string } | { stream: Writable }): Promise<number> {
  try {
    if ('stream' in target) return await writeResults(target.stream, job, items, format);
    return await writeAtomically(target.path, (stream) => writeResults(stream, job, items, format));
  } catch (error) {
    throw new Failure('write_failed', `The results could not be written: ${(error as Error).message}`);
  }
}

async function writeResults(stream: Writable, job: Job, items: Iterable<JobItem>, format: ResultsFormat): Promise<number> {
  // once() rejects when the stream fails while we wait for it to drain.
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  let count = 0;
  if (format === 'json') await write(`${JSON.stringify({ format: 'event-desk-job-results', version: 1, job: { id: job.id, source: job.source, state: job.state, createdAt: job.createdAt } }).slice(0, -1)},"items":[`);
  if (format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`);
  for (const item of items) {
    if (format === 'csv') await write(`${CSV_COLUMNS.map((column) => csvCell(item[column])).join(',')}\r\n`);
    else {
      const text = JSON.stringify({ ...item, data: item.data === null ? null : (JSON.parse(item.data) as unknown) });
      await write(format === 'json' ? `${count === 0 ? '\n' : ',\n'}${text}` : `${text}\n`);
    }
    count += 1;
  }
  if (format === 'json') await write('\n]}\n');
  return count;
}
