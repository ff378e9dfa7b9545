import type { Writable } from 'node:stream';
import { Failure } from '../failure.ts';
import { writeAtomically } from '../storage/atomic-file.ts';
import type { HistoryEntry, HistoryFilter } from '../../shared/history.ts';
import { CsvRows } from './export-csv.ts';
import { entryJson, ZoneTimes } from './export-times.ts';

export const EXPORT_FORMAT_NAME = 'event-desk-history';
/**
 * The document's `version`: still 1 in schemas 1.1 and 1.2, which only added fields (ISO times, outbox), because
 * readers check it (a version 2 would tell every 1.x reader it cannot read the file, which it can).
 */
export const EXPORT_FORMAT_VERSION = 1;

export type ExportFormat = 'json' | 'ndjson' | 'csv';

/** Entries turned into CSV text this many at a time: one csv-stringify call each, bounded memory. */
const CSV_BATCH = 100;

export interface ExportJob {
  path: string;
  format: ExportFormat;
  /** What was exported, recorded in the JSON document's header. */
  filter: HistoryFilter | { ids: number[] };
  entries: Iterable<HistoryEntry>;
  exportedAt: Date;
  signal: AbortSignal;
  onProgress: (written: number) => void;
  /** The file stream; tests inject failing ones (disk full, permission denied). */
  open?: (path: string) => Writable;
  /** The user's time zone (an IANA name) for the `…Local` times. */
  timeZone: string;
  /** CSV only: the data keys that get a column, known before the first row (see export-query.ts). */
  dataKeys?: readonly string[];
}

export class ExportError extends Failure {}

/**
 * Streams entries to the user's path through writeAtomically (the path never holds half an export;
 * on cancel or failure the partial file is removed). Memory stays flat: one entry is serialized at
 * a time and the stream's backpressure is honoured.
 */
export async function writeExport(job: ExportJob): Promise<number> {
  try {
    const count = await writeAtomically(job.path, (stream, failed) => writeEntries(stream, job, failed), job.open);
    job.onProgress(count);
    return count;
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new ExportError('write_failed', describeWriteError(error, job.path));
  }
}

/**
 * Writes the export document (JSON), lines (NDJSON) or rows (CSV) to a stream that stays open: a
 * file's, or stdout for `event-desk export --out -`. Honours backpressure; returns how many entries.
 */
export async function writeEntries(stream: Writable, job: Omit<ExportJob, 'path' | 'open'>, failed: () => Error | undefined = () => undefined): Promise<number> {
  const write = async (chunk: string) => {
    const failure = failed();
    if (failure) throw failure;
    if (!stream.write(chunk)) await drained(stream);
  };
  const zone = new ZoneTimes(job.timeZone);
  let count = 0;
  if (job.format === 'json') {
    const header = { format: EXPORT_FORMAT_NAME, version: EXPORT_FORMAT_VERSION, exportedAt: job.exportedAt.toISOString(), filter: job.filter };
    await write(`${JSON.stringify(header).slice(0, -1)},"entries":[`);
  }
  const csv = job.format === 'csv' ? new CsvRows(job.dataKeys ?? [], zone) : null;
  const batch: HistoryEntry[] = [];
  if (csv) await write(csv.header());
  for (const entry of job.entries) {
    if (job.signal.aborted) throw new ExportError('cancelled', 'The export was cancelled; the partial file was removed.');
    if (csv) {
      batch.push(entry);
      if (batch.length === CSV_BATCH) await write(csv.rows(batch.splice(0)));
    } else {
      const text = entryJson(entry, zone);
      await write(job.format === 'json' ? `${count === 0 ? '\n' : ',\n'}${text}` : `${text}\n`);
    }
    count += 1;
    if (count % 1000 === 0) job.onProgress(count);
  }
  if (csv && batch.length > 0) await write(csv.rows(batch));
  if (job.format === 'json') await write('\n]}\n');
  return count;
}

/** Waits for the stream to take more, or fails with its error; leaves no listener behind. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

function describeWriteError(error: unknown, path: string): string {
  const code = (error as { code?: string }).code;
  const suffix = 'The partial file was removed.';
  switch (code) {
    case 'ENOSPC':
      return `The disk is full, so the export stopped. ${suffix} Free some space and export again.`;
    case 'EACCES':
    case 'EPERM':
      return `Event Desk is not allowed to write to ${path} (permission denied). ${suffix} Choose another folder.`;
    case 'EROFS':
      return `${path} is on a read-only disk. ${suffix} Choose another folder.`;
    case 'ENOENT':
      return `The folder for ${path} does not exist. Choose another folder.`;
    default:
      return `The export could not be written (${(error as Error).message}). ${suffix}`;
  }
}
