import type { Command } from 'commander';
import { Option } from 'commander';
import cliProgress from 'cli-progress';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { addFilterOptions, filterFrom, type FilterOptions } from '../history-filter-options.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';

interface ExportOptions extends FilterOptions {
  format: 'json' | 'ndjson' | 'csv';
  out?: string;
  timeZone?: string;
}

/** event-desk export: the app's export writer and schema, streamed to a file or stdout. */
export function registerExport(program: Command, context: CliContext): void {
  const { terminal } = context;
  examples(
    addFilterOptions(
      program
        .command('export')
        .description('Export history (docs/history-export.schema.json, docs/history-export-csv.md) to a file or stdout, streamed')
        .addOption(new Option('--format <format>', 'one JSON document, one entry per line, or CSV for spreadsheets').choices(['json', 'ndjson', 'csv']).default('json'))
        .requiredOption('--out <file|->', 'where to write: a file path, or - for stdout')
        .option('--time-zone <zone>', 'the zone of the local times (an IANA name such as Europe/Berlin; default: this computer\'s, or TZ)'),
    ).action(action(context, async (options: ExportOptions) => {
      const filter = filterFrom(options);
      if (options.out === undefined || options.out === '') throw new UsageError('--out is required: a file path, or - for stdout.');
      // A bar only for a person watching stderr, and never mixed into data on a terminal's stdout.
      const bar = terminal.interactive ? new cliProgress.SingleBar({ stream: terminal.stderr, format: 'Exporting [{bar}] {value}/{total} entries · {eta_formatted} left', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
      let started = false;
      const progressContext = {
        ...context,
        onExportProgress: ({ written, total }: { written: number; total: number }) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, written);
            started = true;
          } else bar.update(written);
        },
      };
      return withCore(program.opts<GlobalOptions>(), progressContext, async (_core, scope) => {
        const target = options.out === '-' ? { stream: terminal.stdout } : { path: options.out! };
        try {
          const count = await scope.exports.exportTo({ filter, ids: null, format: options.format, timeZone: options.timeZone }, target);
          bar?.stop();
          terminal.success(`Exported ${count} ${count === 1 ? 'entry' : 'entries'}${'path' in target ? ` to ${target.path}` : ''}.`);
          return EXIT.ok;
        } catch (error) {
          bar?.stop();
          throw error;
        }
      });
    })),
    ['event-desk export --out history.json', 'event-desk export --format csv --since 2026-11-01 --until 2026-11-30 --out november.csv', 'event-desk export --format ndjson --out - --outcome rejected | gzip > rejected.ndjson.gz'],
  );
}
