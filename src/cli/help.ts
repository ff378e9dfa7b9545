import type { Command } from 'commander';

/** Puts examples first in a command's --help, as people look for them first. */
export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('before', `Examples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}
