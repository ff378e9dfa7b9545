import { CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { describeStartupFailure, Failure, StartupError } from '../main/core/index.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import type { CliContext } from './host.ts';
import { buildProgram } from './program.ts';
import { Interrupted, isInterrupt } from './prompt.ts';
import { Terminal } from './terminal.ts';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Runs `event-desk` with `argv` (process.argv) and returns the exit code. Errors become one line
 * of what went wrong and one of how to fix it; a stack trace only with --debug.
 */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const args = argv.slice(2);
  const terminal = new Terminal({ env, noColor: args.includes('--no-color') });
  const debug = args.includes('--debug');
  const context: CliContext = { terminal, env, exitCode: EXIT.ok };
  // `event-desk history | head`: a closed pipe is the reader saying "enough", not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(context.exitCode);
    });
  }
  const program = buildProgram(context, version);
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => terminal.stdout.write(text),
    writeErr: (text) => terminal.stderr.write(text),
    outputError: (text, write) => write(terminal.paint('red', text)),
  });
  for (const command of program.commands) command.exitOverride();
  if (args.length === 0) {
    terminal.info(program.helpInformation().split('\n').find((line) => line.startsWith('Usage:')) ?? 'Usage: event-desk [options] [command]');
    terminal.info('Commands: key, send, history, export, replay, jobs, saved, outbox, profiles. See event-desk --help.');
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; a usage mistake is exit code 2.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (isInterrupt(error)) {
      // Ctrl+C at a question: what the command prepared was undone; one plain line, the shell's 130.
      terminal.info(error instanceof Interrupted ? error.message : 'Stopped (Ctrl+C); nothing was sent.');
      return EXIT.interrupted;
    }
    if (error instanceof Failure) {
      terminal.error(error.message, error.hint);
      return exitCodeFor(error);
    }
    if (error instanceof StartupError) {
      const { message, hint } = describeStartupFailure(error);
      terminal.error(message, hint);
      return EXIT.failed;
    }
    terminal.error(`Event Desk hit an unexpected problem: ${(error as Error).message}`, debug ? undefined : 'Run again with --debug for details, and report it if it keeps happening.');
    if (debug) terminal.info(String((error as Error).stack));
    return EXIT.failed;
  }
}
