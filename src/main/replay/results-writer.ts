import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Job, JobItem } from '../../shared/jobs.ts';
import { Failure } from '../failure.ts';

export type ResultsFormat = 'json' | 'ndjson' | 'csv';

const CSV_COLUMNS = ['seq', 'line', 'state', 'name', 'customer', 'data', 'httpStatus', 'eventId', 'historyId', 'attempts', 'error'] as const;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes. Formula-looking cells are prefixed so spreadsheets do not run them. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A job's per-item results, streamed; to a file through an exclusive temp file renamed into place. */
export async function writeItems(job: Job, items: Iterable<JobItem>, format: ResultsFormat, target: { path: string } | { stream: Writable }): Promise<number> {
  const partial = 'path' in target ? join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString('hex')}.partial`) : null;
  const stream = partial ? createWriteStream(partial, { flags: 'wx', mode: 0o600 }) : (target as { stream: Writable }).stream;
  let failure: Error | undefined;
  stream.on('error', (error: Error) => (failure ??= error));
  const write = async (text: string) => {
    if (failure) throw failure;
    if (!stream.write(text)) await once(stream, 'drain');
  };
  let count = 0;
  try {
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
    if (partial) {
      stream.end();
      await once(stream, 'finish');
      if (failure) throw failure;
      renameSync(partial, (target as { path: string }).path);
    }
    return count;
  } catch (error) {
    if (partial) {
      stream.destroy();
      rmSync(partial, { force: true });
    }
    throw new Failure('write_failed', `The results could not be written: ${(error as Error).message}`);
  }
}
