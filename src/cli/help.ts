import { Help, type Command } from 'commander';

/** Each command's examples, shown by `formatHelp` below. */
const EXAMPLES = new WeakMap<Command, string[]>();

/** Gives a command examples for its --help: right after the usage line and description, before the options. */
export function examples(command: Command, lines: string[]): Command {
  EXAMPLES.set(command, lines);
  return command;
}

/** The sections commander writes after the usage line and the description. */
const SECTION = /^(Arguments|Options|Global Options|Commands):$/;

/**
 * The help configuration every command inherits (commander copies it to subcommands created after
 * it is set). `--help`: usage first, so the reader sees the command's shape, then the examples
 * people look for, then the options. A group run without its subcommand (`event-desk jobs`) is a
 * usage error: commander asks for its help "as an error", and gets the short usage instead.
 */
export const HELP_CONFIGURATION: Partial<Help> & { asError?: boolean } = {
  sortSubcommands: false,
  showGlobalOptions: true,
  prepareContext(this: Help & { asError?: boolean }, context: { error?: boolean; helpWidth?: number; outputHasColors?: boolean }) {
    Help.prototype.prepareContext.call(this, context);
    this.asError = context.error === true;
  },
  formatHelp(this: Help & { asError?: boolean }, command: Command, helper: Help) {
    if (this.asError) return shortUsage(command, helper);
    const lines = Help.prototype.formatHelp.call(this, command, helper).split('\n');
    const list = EXAMPLES.get(command);
    if (!list) return lines.join('\n');
    const at = lines.findIndex((line) => SECTION.test(line));
    const block = ['Examples:', ...list.map((line) => `  $ ${line}`), ''];
    lines.splice(at === -1 ? lines.length : at, 0, ...block);
    return lines.join('\n');
  },
};

/** One usage line, the subcommands by name, and where the rest is. */
function shortUsage(command: Command, helper: Help): string {
  const path: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) path.unshift(at.name());
  const names = helper.visibleCommands(command).map((sub) => sub.name()).filter((name) => name !== 'help');
  return [`Usage: ${helper.commandUsage(command)}`, `${names.length ? `Commands: ${names.join(', ')}. ` : ''}See ${path.join(' ')} --help.`, ''].join('\n');
}
