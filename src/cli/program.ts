import { Command, Option } from 'commander';
import { PRODUCTION_HELP } from './account-confirm.ts';
import { registerExport } from './commands/export.ts';
import { registerHistory } from './commands/history.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerReplay } from './commands/replay.ts';
import { registerOutbox } from './commands/outbox.ts';
import { registerPlan } from './commands/plan.ts';
import { registerProfiles } from './commands/profiles.ts';
import { registerSaved } from './commands/saved.ts';
import { registerKey } from './commands/key.ts';
import { registerSend } from './commands/send.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import { examples, HELP_CONFIGURATION } from './help.ts';
import type { CliContext } from './host.ts';

export const ENVIRONMENT_HELP = `Environment (flags win):
  EVENT_DESK_USER_DATA         user-data folder (default: the desktop app's)
  HELPCRUNCH_API_URL           API base URL for this run, in its account only (--profile, else the one used last)
  EVENT_DESK_KEYCHAIN_SERVICE  keychain service name
  HELPCRUNCH_API_KEY           the API key for this run only, where no keychain is usable (servers, CI);
                               never saved; sent only to this run's API URL (HELPCRUNCH_API_URL, else HelpCrunch)
  HELPCRUNCH_API_KEY_FILE      the same, read from a file readable by its owner only (chmod 600)
  NO_COLOR                     no colour`;

/** The whole command tree; each command is a thin adapter over the core's services. */
export function buildProgram(context: CliContext, version: string): Command {
  const program = new Command('event-desk')
    .description('Send HelpCrunch activity events and work with Event Desk\'s history from a terminal: same keychain entry, history and rate budget as the desktop app.')
    .version(version, '-V, --version', 'print the version')
    .option('--user-data <dir>', 'the user-data folder (default: the desktop app\'s)')
    .option('--api-url <url>', 'API base URL for this run, in its account only (https, or http to this computer)')
    .addOption(new Option('--profile <name>', 'the HelpCrunch account (profile) to work in; default: the one used last').default(undefined))
    .option('--rate <n>', 'requests per minute for the profile\'s shared budget (default 120, HelpCrunch\'s limit)')
    .option('--confirm-account <name>', 'the exact name of the production account a sending command may send in (with --yes, when there is no terminal)')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--debug', 'print stack traces of unexpected errors')
    .showHelpAfterError('(see --help)')
    // Before any subcommand is added: commander copies it to each one created after.
    .configureHelp(HELP_CONFIGURATION);
  examples(program, ['event-desk send --name "Call made" --customer 1001 --data \'{"minutes": 5}\'', 'event-desk history --outcome rejected --json | jq length', 'event-desk export --format ndjson --out - | gzip > history.ndjson.gz']);
  // Not under the short usage a group prints when run without its subcommand (an "error" help).
  program.addHelpText('afterAll', ({ error }) => (error ? '' : `\n${ENVIRONMENT_HELP}\n\n${PRODUCTION_HELP}\n\n${EXIT_CODES_HELP}\n`));
  registerKey(program, context);
  registerSend(program, context);
  registerHistory(program, context);
  registerExport(program, context);
  registerReplay(program, context);
  registerJobs(program, context);
  registerSaved(program, context);
  registerOutbox(program, context);
  registerProfiles(program, context);
  registerPlan(program, context);
  return program;
}
