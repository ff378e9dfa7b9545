import { stringify, type Options } from 'csv-stringify/sync';
import type { HistoryEntry } from '../../shared/history.ts';
import type { ZoneTimes } from './export-times.ts';

type Cell = string | number | boolean | null;

interface Column {
  header: string;
  cell: (entry: HistoryEntry) => Cell;
}

/**
 * A cell a spreadsheet could run as a formula: = + - @ (and their full-width forms, which some
 * spreadsheets fold to ASCII), tab or carriage return first (OWASP, "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const OPTIONS: Options = {
  // RFC 4180 line ends.
  record_delimiter: 'windows',
  // csv-stringify puts the single quote before a formula-looking text cell (never before a number).
  escape_formulas: true,
  cast: {
    // ...and OWASP also wants such a cell quoted, so the quote stays part of the text everywhere.
    string: (value) => (FORMULA_START.test(value) ? { value, quoted: true } : value),
    boolean: (value) => (value ? 'true' : 'false'),
  },
};

/** The fixed columns, in order; `data` (the whole object as JSON) and one `data.<key>` per key follow. */
function fixedColumns(zone: ZoneTimes): Column[] {
  return [
    { header: 'id', cell: (entry) => entry.id },
    { header: 'createdAtLocal', cell: (entry) => zone.local(entry.createdAt) },
    { header: 'createdAtUtc', cell: (entry) => zone.utc(entry.createdAt) },
    { header: 'name', cell: (entry) => entry.request.name },
    { header: 'customer', cell: (entry) => entry.request.customer },
    { header: 'customerName', cell: (entry) => entry.customerName },
    { header: 'customerEmail', cell: (entry) => entry.customerEmail },
    { header: 'outcome', cell: (entry) => entry.outcome },
    { header: 'disposition', cell: (entry) => entry.disposition },
    { header: 'outbox', cell: (entry) => entry.outbox },
    { header: 'httpStatus', cell: (entry) => entry.httpStatus },
    { header: 'message', cell: (entry) => entry.message },
    { header: 'errors', cell: (entry) => (entry.errors.length === 0 ? null : JSON.stringify(entry.errors)) },
    { header: 'eventId', cell: (entry) => entry.eventId },
    { header: 'eventCreatedAtLocal', cell: (entry) => zone.local(entry.eventCreatedAt) },
    { header: 'eventCreatedAtUtc', cell: (entry) => zone.utc(entry.eventCreatedAt) },
    { header: 'attempts', cell: (entry) => entry.attempts },
    { header: 'durationMs', cell: (entry) => entry.durationMs },
    { header: 'savedEventId', cell: (entry) => entry.savedEventId },
    { header: 'updatedAtLocal', cell: (entry) => zone.local(entry.updatedAt) },
    { header: 'updatedAtUtc', cell: (entry) => zone.utc(entry.updatedAt) },
    { header: 'profile', cell: (entry) => entry.profile },
    { header: 'unreadable', cell: (entry) => entry.unreadable },
    { header: 'data', cell: (entry) => JSON.stringify(entry.request.data) },
  ];
}

function dataColumn(key: string): Column {
  return {
    header: `data.${key}`,
    cell: (entry) => {
      const data = entry.request.data;
      // hasOwn: a row without "constructor" or "__proto__" must not show Object.prototype's.
      if (!Object.hasOwn(data, key)) return null;
      const value = data[key];
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      return JSON.stringify(value);
    },
  };
}

/**
 * History entries as CSV rows, through csv-stringify (RFC 4180 quoting of commas, quotes and line
 * breaks; formula-looking text quoted and prefixed with '). Rows are turned into text a batch at a
 * time by the caller, so nothing but the batch is held.
 */
export class CsvRows {
  readonly #columns: Column[];

  constructor(dataKeys: readonly string[], zone: ZoneTimes) {
    this.#columns = [...fixedColumns(zone), ...dataKeys.map(dataColumn)];
  }

  /** The header line, after a UTF-8 byte order mark so Excel reads the file as UTF-8. */
  header(): string {
    return stringify([this.#columns.map((column) => column.header)], { ...OPTIONS, bom: true });
  }

  /** The lines of these entries, each ending in CRLF; empty for none. */
  rows(entries: readonly HistoryEntry[]): string {
    if (entries.length === 0) return '';
    return stringify(entries.map((entry) => this.#columns.map((column) => column.cell(entry))), OPTIONS);
  }
}
