import type { Command } from 'commander';
import { read } from 'read';
import { apiKeySchema } from '../../shared/settings.ts';
import { firstMessage } from '../../shared/event.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import { examples } from '../help.ts';
import { KEY_SOURCE_WORDS, refuseWithHeadlessKey } from '../headless-key.ts';
import { readStdin } from '../stdin.ts';
import { cliFailure } from '../words.ts';

const WHY_NOT_ARGV = 'A key on the command line would be saved in your shell history and visible to other users in `ps`.';

/** event-desk key set|status|test|remove */
export function registerKey(program: Command, context: CliContext): void {
  const key = program.command('key').description('Set, check, test or remove the HelpCrunch API key (kept in the OS keychain)');
  examples(key, ['pbpaste | event-desk key set', 'event-desk key status', 'event-desk key test']);
  const { terminal } = context;
  const global = () => program.opts<GlobalOptions>();

  examples(
    key
      .command('set')
      .description('Save the API key in the OS keychain: read from stdin when piped, asked for (hidden) on a terminal')
      .argument('[refused]', 'never give the key here')
      .option('--key <key>', 'refused: never give the key as an argument')
      .action(action(context, async (refused: string | undefined, options: { key?: string }) => {
        if (refused !== undefined || options.key !== undefined) {
          throw new UsageError(`The API key is never taken from the command line. ${WHY_NOT_ARGV}`, 'Pipe it in (pbpaste | event-desk key set) or run "event-desk key set" on a terminal to be asked.');
        }
        refuseWithHeadlessKey(context.env, 'saving a key in the keychain');
        const text = await readKey(context);
        const parsed = apiKeySchema.safeParse(text);
        if (!parsed.success) throw new UsageError(firstMessage(parsed.error), 'Copy the key again from HelpCrunch: Settings → Developers → Public API.');
        return withCore(global(), context, async (_core, scope) => {
          const settings = await scope.settings.setKey(parsed.data, false);
          terminal.success(`Saved in the system keychain · ends in ${settings.key.last4} · for ${settings.key.origin}`);
          return EXIT.ok;
        });
      })),
    ['pbpaste | event-desk key set', 'event-desk key set          # asks for it, hidden'],
  );

  examples(
    key
      .command('status')
      .description('Say whether a key is set (its last 4 characters), where it comes from (keychain, HELPCRUNCH_API_KEY or HELPCRUNCH_API_KEY_FILE), and any keychain problem with its fix')
      .option('--json', 'print the status as JSON')
      .action(action(context, async (options: { json?: boolean }) =>
        withCore(global(), context, async (_core, scope) => {
          const settings = await scope.settings.view();
          const source = context.keySource ?? 'keychain';
          const usable = settings.key.state !== 'missing' && !settings.key.withheld && settings.keychainProblem === null;
          const here = new URL(settings.baseUrl.value).origin;
          if (options.json) terminal.data(JSON.stringify({ key: settings.key, source, baseUrl: settings.baseUrl, keychainProblem: settings.keychainProblem }));
          else if (settings.keychainProblem) terminal.error(settings.keychainProblem.message, settings.keychainProblem.hint);
          else if (settings.key.state === 'missing') terminal.error('No API key is set.', 'Add one: pbpaste | event-desk key set');
          else if (settings.key.withheld && source !== 'keychain') terminal.error(`The key from ${KEY_SOURCE_WORDS[source]} (ending in ${settings.key.last4}) is for ${settings.key.origin}; it is not sent to ${here}.`, `Name the address it is for in HELPCRUNCH_API_URL (or --api-url) in the same run.`);
          else if (settings.key.withheld) terminal.error(`The key ending in ${settings.key.last4} was saved for ${settings.key.origin}; it is not sent to ${here}.`, 'Enter the key again for this address: event-desk key set');
          else if (source !== 'keychain') terminal.info(`Key from ${KEY_SOURCE_WORDS[source]}, for this run only (not saved) · ends in ${settings.key.last4} · requests go to ${settings.baseUrl.value}`);
          else terminal.info(`Key set in the system keychain · ends in ${settings.key.last4} · requests go to ${settings.baseUrl.value}`);
          return usable ? EXIT.ok : EXIT.key;
        }),
      )),
    ['event-desk key status', 'event-desk key status --json | jq .key'],
  );

  examples(
    key
      .command('test')
      .description('Make one cheap authenticated request and say whether HelpCrunch accepts the key')
      .action(action(context, async () =>
        withCore(global(), context, async (_core, scope) => {
          const verdict = await scope.settings.testConnection();
          if (verdict.verdict === 'works') terminal.success(verdict.message);
          else {
            const { message, hint } = cliFailure({ code: verdict.verdict === 'wrong_key' ? 'unauthorized' : verdict.verdict, message: verdict.message }, context.keySource);
            terminal.error(message, hint);
          }
          return verdict.verdict === 'works' ? EXIT.ok : verdict.verdict === 'no_key' || verdict.verdict === 'wrong_key' ? EXIT.key : EXIT.failed;
        }),
      )),
    ['event-desk key test', 'HELPCRUNCH_API_URL=http://127.0.0.1:4010/v1 event-desk key test'],
  );

  examples(
    key
      .command('remove')
      .description('Remove the key from the OS keychain')
      .action(action(context, async () => {
        refuseWithHeadlessKey(context.env, 'removing the keychain\'s key');
        return withCore(global(), context, async (_core, scope) => {
          await scope.settings.removeKey();
          terminal.success('The API key was removed from the system keychain.');
          return EXIT.ok;
        });
      })),
    ['event-desk key remove'],
  );
}

/** The key from stdin when piped, or a hidden prompt on a terminal; never waits silently. */
async function readKey(context: CliContext): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    if (!context.terminal.interactive) throw new UsageError('No terminal to ask on.', 'Pipe the key in: pbpaste | event-desk key set');
    return read({ prompt: 'HelpCrunch API key (hidden): ', silent: true, replace: '', output: process.stderr });
  }
  // A key is at most 4 KiB; anything much larger is not a key (and is not kept in memory).
  const text = await readStdin(64 * 1024, 'What was piped in is far too long to be an API key.');
  if (text.trim() === '') throw new UsageError('Nothing was piped in.', 'Pipe the key in (pbpaste | event-desk key set), or run on a terminal to be asked.');
  return text;
}
