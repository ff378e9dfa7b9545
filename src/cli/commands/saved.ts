import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import { writeAtomically } from '../../main/core/index.ts';

/** event-desk saved list|show|export|import: the same library as the app. */
export function registerSaved(program: Command, context: CliContext): void {
  const { terminal } = context;
  const global = () => program.opts<GlobalOptions>();
  const saved = program.command('saved').description('The saved-events library: list, show, export and import');
  examples(saved, ['event-desk saved list', 'event-desk saved export --out library.json', 'event-desk send --saved "Refund issued" --customer 1001 --input amount=20']);

  saved
    .command('list')
    .description('Every saved event: title, event name, the fields it asks for (* required), its default customer, tags')
    .option('--json', 'print a JSON array')
    .action(action(context, async (options: { json?: boolean }) =>
      withCore(global(), context, async (_core, scope) => {
        const list = scope.library.list();
        if (options.json) terminal.data(JSON.stringify(list));
        else if (list.length === 0) terminal.info('The library is empty: save events in the app, or import a library file with: event-desk saved import FILE');
        else for (const item of list) terminal.data(`${String(item.id).padEnd(5)} ${item.title}  (${item.name})${item.fields.length ? `  fields: ${item.fields.map((field) => `${field.key}${field.required ? '*' : ''}`).join(', ')}` : ''}${item.defaultCustomer === null ? '' : `  customer: ${item.defaultCustomer}`}${item.tags.length ? `  [${item.tags.join(', ')}]` : ''}`);
        return EXIT.ok;
      }),
    ));

  saved
    .command('show')
    .description('One saved event, with its template and fields')
    .argument('<title-or-id>', 'the exact title, or the id')
    .action(action(context, async (which: string) =>
      withCore(global(), context, async (_core, scope) => {
        terminal.data(JSON.stringify(scope.library.find(/^\d+$/.test(which) ? Number(which) : which), null, 2));
        return EXIT.ok;
      }),
    ));

  saved
    .command('export')
    .description('The library as a file (docs/library.schema.json)')
    .requiredOption('--out <file|->', 'a file path, or - for stdout')
    .action(action(context, async (options: { out: string }) =>
      withCore(global(), context, async (_core, scope) => {
        const count = options.out === '-' ? await scope.library.exportTo(terminal.stdout) : await writeAtomically(options.out, (stream) => scope.library.exportTo(stream));
        terminal.info(`Exported ${count} saved event${count === 1 ? '' : 's'}${options.out === '-' ? '' : ` to ${options.out}`}.`);
        return EXIT.ok;
      }),
    ));

  saved
    .command('import')
    .description('Add the events of a library file: new titles added, unchanged ones skipped')
    .argument('<file>', 'a library file')
    .addOption(new Option('--on-conflict <what>', 'a title that exists with other content').choices(['skip', 'replace', 'keep-both']).default('skip'))
    .action(action(context, async (file: string, options: { onConflict: 'skip' | 'replace' | 'keep-both' }) =>
      withCore(global(), context, async (_core, scope) => {
        const report = await scope.library.importFile(file, options.onConflict === 'skip' ? 'ask' : options.onConflict);
        terminal.info(`Added ${report.added.length}, updated ${report.updated.length}, skipped ${report.skipped.length}.`);
        for (const item of report.skipped) terminal.info(`  skipped "${item.title}": ${item.reason}`);
        if (report.conflicts.length > 0) terminal.warn(`Left alone (same title, other content): ${report.conflicts.join(', ')}. Use --on-conflict replace or keep-both.`);
        return report.conflicts.length > 0 || report.skipped.some((item) => !item.reason.startsWith('already')) ? EXIT.failed : EXIT.ok;
      }),
    ));
}

/** `--input amount=20 --input reason=Damaged` as a record; a value may contain "=". */
export function parseInputs(pairs: string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--input ${pair}: write it as key=value, like --input amount=20.`);
    const key = pair.slice(0, at);
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key)) throw new UsageError(`--input ${pair}: "${key}" is not a field key (letters, digits, _).`);
    // Two values for one field: which one was meant is a guess the CLI does not make.
    if (Object.hasOwn(inputs, key)) throw new UsageError(`--input ${key} is given twice ("${inputs[key]}" and "${pair.slice(at + 1)}"): give each field once.`);
    inputs[key] = pair.slice(at + 1);
  }
  return inputs;
}
