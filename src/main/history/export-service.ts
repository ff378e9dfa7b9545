import type { DatabaseSync } from 'node:sqlite';
import type { Writable } from 'node:stream';
import type { HistoryFilter } from '../../shared/history.ts';
import type { Clock } from '../clock.ts';
import { dataKeysByReading, exportDataKeys, type DataKeys } from './export-query.ts';
import { isTimeZone, systemTimeZone } from './export-times.ts';
import { ExportError, writeEntries, writeExport, type ExportFormat } from './export-writer.ts';
import type { HistoryRepository } from './history-repository.ts';

export interface ExportRequest {
  filter: HistoryFilter;
  /** When set, exactly these entries (the selection) instead of the filter. */
  ids: number[] | null;
  format: ExportFormat;
  /** The zone of the `…Local` times (the CLI's --time-zone); the service's own zone when absent. */
  timeZone?: string | undefined;
}

export interface ExportServiceDeps {
  history: HistoryRepository;
  profile: string;
  clock: Clock;
  /** Asks where to save (Electron's save dialog in the app, a fixed path in tests); null = cancelled. */
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  progress: (progress: { written: number; total: number }) => void;
  /**
   * The history database, for the CSV header's data keys in one SQL pass (json_each). Without it
   * they are found by reading every entry once more (the same keys, slower).
   */
  db?: DatabaseSync | undefined;
  /** The user's time zone (IANA name); this process's (TZ, else the system's) by default. */
  timeZone?: string | undefined;
}

const EXTENSIONS: Record<ExportFormat, string> = { json: 'json', ndjson: 'ndjson', csv: 'csv' };

/** Exports history to a file the user picks, one export at a time, cancellable. */
export class ExportService {
  readonly #deps: ExportServiceDeps;
  #running: AbortController | undefined;

  constructor(deps: ExportServiceDeps) {
    this.#deps = deps;
  }

  async export(request: ExportRequest): Promise<{ path: string; count: number } | null> {
    if (this.#running) throw new ExportError('busy', 'An export is already running. Wait for it or cancel it.');
    const { clock } = this.#deps;
    // Busy from before the save dialog opens: a second request while it is open is refused.
    const controller = new AbortController();
    this.#running = controller;
    try {
      const stamp = new Date(clock.now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const path = await this.#deps.chooseSavePath(`event-desk-history-${stamp}.${EXTENSIONS[request.format]}`);
      if (path === null) return null;
      if (controller.signal.aborted) throw new ExportError('cancelled', 'The export was cancelled.');
      return { path, count: await this.#write(request, { path }, controller.signal) };
    } finally {
      this.#running = undefined;
    }
  }

  /**
   * Writes an export to a path chosen by the caller (the CLI's --out) or to an open stream
   * (stdout), with progress through `progress`. Not one-at-a-time: each call is its own export.
   */
  async exportTo(request: ExportRequest, target: { path: string } | { stream: Writable }, signal: AbortSignal = new AbortController().signal): Promise<number> {
    return this.#write(request, target, signal);
  }

  /** The data keys a CSV export of this request has columns for (after #write's count: see there). */
  async #dataKeys(request: ExportRequest, signal: AbortSignal): Promise<DataKeys> {
    const { history, profile, db } = this.#deps;
    try {
      if (db) return await exportDataKeys(db, profile, request.ids ? { ids: request.ids } : { filter: request.filter }, signal);
      return await dataKeysByReading(history.iterate(profile, request.ids ? null : request.filter, request.ids, 250), signal);
    } catch (error) {
      if (signal.aborted) throw new ExportError('cancelled', 'The export was cancelled.');
      throw error;
    }
  }

  async #write(request: ExportRequest, target: { path: string } | { stream: Writable }, signal: AbortSignal): Promise<number> {
    const { history, profile, clock } = this.#deps;
    const timeZone = request.timeZone ?? this.#deps.timeZone ?? systemTimeZone();
    if (!isTimeZone(timeZone)) throw new ExportError('invalid_input', `"${timeZone}" is not a time zone Event Desk knows, so nothing was exported.`, { hint: 'Use an IANA name such as Europe/Berlin, America/New_York or UTC.' });
    // Counted first: with text in the filter this also brings the full-text index up to date,
    // which the CSV key pass below relies on to see the same rows as the export.
    const total = request.ids ? request.ids.length : history.count(profile, request.filter);
    this.#deps.progress({ written: 0, total });
    // A CSV header must name every column before the first row streams: one pass over the keys first.
    const dataKeys = request.format === 'csv' ? (await this.#dataKeys(request, signal)).keys : [];
    const job = {
      format: request.format,
      filter: request.ids ? { ids: request.ids } : request.filter,
      // Small pages keep the peak memory low (measured: 250 rows ≈ 115 MB, 1000 rows ≈ 140 MB growth at 1M entries).
      entries: history.iterate(profile, request.ids ? null : request.filter, request.ids, 250),
      exportedAt: new Date(clock.now()),
      signal,
      onProgress: (written: number) => this.#deps.progress({ written, total }),
      timeZone,
      dataKeys,
    };
    if ('path' in target) return writeExport({ ...job, path: target.path });
    const count = await writeEntries(target.stream, job);
    job.onProgress(count);
    return count;
  }

  cancel(): boolean {
    this.#running?.abort();
    return this.#running !== undefined;
  }
}
