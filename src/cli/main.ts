import { type Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { describeStartupFailure, Failure, StartupError } from '../main/core/index.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import type { CliContext } from './host.ts';
import { buildProgram } from './program.ts';
import { Interrupted, isInterrupt } from './prompt.ts';
import { Terminal } from './terminal.ts';
import { cliFailure } from './words.ts';

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
  // On every command at any depth (`jobs show` too): commander would otherwise exit the process
  // itself, with 1 for a missing argument, where the CLI says 2.
  const output = {
    writeOut: (text: string) => terminal.stdout.write(text),
    writeErr: (text: string) => terminal.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(terminal.paint('red', text)),
  };
  const override = (command: Command) => {
    command.exitOverride().configureOutput(output);
    for (const sub of command.commands) override(sub);
  };
  override(program);
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
      // --help, `help` and --version "fail" with exit code 0. Everything else commander refuses is a
      // usage mistake (exit 2): an unknown option or command, a missing argument, a bad choice, and a
      // group run without its subcommand (`event-desk jobs`, which commander reports as help with code 1).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isInterrupt(error)) {
      // Ctrl+C at a question: what the command prepared was undone; one plain line, the shell's 130.
      terminal.info(error instanceof Interrupted ? error.message : 'Stopped (Ctrl+C); nothing was sent.');
      return EXIT.interrupted;
    }
    if (error instanceof Failure) {
      const { message, hint } = cliFailure(error, context.keySource);
      terminal.error(message, hint);
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
