import type { Command } from 'commander';
import { outcomeLabel, type HistoryEntry } from '../../shared/history.ts';
import { systemTimeZone, ZoneTimes } from '../../main/core/index.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { addFilterOptions, filterFrom, withCustomer, type FilterOptions } from '../history-filter-options.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import type { Terminal } from '../terminal.ts';

interface HistoryOptions extends FilterOptions {
  limit: string;
  json?: boolean;
  ndjson?: boolean;
}

/** event-desk history: the same entries and filters as the History view. */
export function registerHistory(program: Command, context: CliContext): void {
  examples(
    addFilterOptions(program.command('history').description('List past sends, newest first, with the History view\'s filters'), { customerEmail: true })
      .option('--limit <n>', 'at most this many entries (1 to 100000)', '50')
      .option('--json', 'print a JSON array of history entries')
      .option('--ndjson', 'print one JSON history entry per line')
      .action(action(context, async (options: HistoryOptions) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError(`--limit ${options.limit}: give a whole number from 1 to 100000.`);
        if (options.json && options.ndjson) throw new UsageError('Choose one of --json and --ndjson.');
        const typed = filterFrom(options, { emailLater: true });
        return withCore(program.opts<GlobalOptions>(), context, async (core, scope) => {
          const filter = withCustomer(typed, options, scope);
          const entries: HistoryEntry[] = [];
          for (const entry of core.history.iterate(scope.profile, filter, null, Math.min(limit, 500))) {
            entries.push(entry);
            if (entries.length >= limit) break;
          }
          const { terminal } = context;
          if (options.json) terminal.data(JSON.stringify(entries));
          else if (options.ndjson) for (const entry of entries) terminal.data(JSON.stringify(entry));
          else printTable(terminal, entries);
          if (!options.json && !options.ndjson && entries.length === limit) terminal.info(`Showing the newest ${limit}; --limit shows more.`);
          return EXIT.ok;
        });
      })),
    ['event-desk history', 'event-desk history --outcome rejected --outcome network_error --since 2026-11-01', 'event-desk history --customer ada@example.com --json | jq ".[].request"'],
  );
}

function printTable(terminal: Terminal, entries: HistoryEntry[]): void {
  if (entries.length === 0) {
    terminal.info('No history entries match.');
    return;
  }
  // ISO 8601 with the offset (2026-12-05T09:43:13+01:00): unambiguous for people and scripts in any locale.
  const zone = new ZoneTimes(systemTimeZone());
  const rows = entries.map((entry) => [
    String(entry.id),
    (zone.local(entry.createdAt) ?? '').replace(/\.\d{3}/, ''),
    entry.request.name,
    entry.customerName ? `${entry.request.customer} ${entry.customerName}` : String(entry.request.customer),
    entry.unreadable ? 'Unreadable entry' : outcomeLabel(entry),
    entry.httpStatus === null ? '' : String(entry.httpStatus),
  ]);
  const header = ['ID', 'TIME', 'EVENT', 'CUSTOMER', 'OUTCOME', 'HTTP'];
  const widths = header.map((title, column) => Math.min(40, Math.max(title.length, ...rows.map((row) => row[column]!.length))));
  const line = (cells: string[]) => cells.map((cell, column) => (cell.length > widths[column]! ? `${cell.slice(0, widths[column]! - 1)}…` : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  terminal.data(terminal.stdout.isTTY ? terminal.paint('bold', line(header)) : line(header));
  for (const row of rows) terminal.data(line(row));
}
