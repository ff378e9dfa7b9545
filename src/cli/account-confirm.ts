import { read } from 'read';
import { type OriginChange, type Scope } from '../main/core/index.ts';
import { UsageError } from './exit-codes.ts';
import type { CliContext, GlobalOptions } from './host.ts';

export const PRODUCTION_HELP = `Production accounts:
  A command that sends in an account marked production (send, replay, jobs resume|retry, outbox drain)
  names the account first. On a terminal you type the account's name; without one, add
  --yes --confirm-account NAME (the account's exact name), otherwise nothing is sent (exit 2).
  With --api-url or HELPCRUNCH_API_URL, a production account's key goes there only when the
  account is named this way.`;

/**
 * Before a command sends in a production account: it names the account, and a person types the
 * account's name (on a terminal) or a script gives --yes --confirm-account NAME. Otherwise exit 2
 * and nothing is sent. A --confirm-account that names another account is refused in any account:
 * the person meant to send somewhere else. Returns true when the account was confirmed here (the
 * command's own yes/no question is then not asked again).
 */
export async function confirmAccount(scope: Scope, context: CliContext, global: GlobalOptions, options: { yes?: boolean | undefined }, action: string): Promise<boolean> {
  const account = scope.account();
  const named = global.confirmAccount;
  if (named !== undefined && named !== account.name) {
    throw new UsageError(`--confirm-account "${named}" does not name the account this would ${action} in ("${account.name}"). Nothing was sent.`, 'Give the exact name of the account (event-desk profiles list), or choose it with --profile NAME.');
  }
  if (!account.production) return false;
  const override = scope.store.envBaseUrl;
  const where = override ? `, at ${override} (this run's --api-url or HELPCRUNCH_API_URL; its own address is ${scope.store.ownBaseUrl()})` : '';
  context.terminal.warn(`"${account.name}" is a production account: this will ${action} real events in it${where}.`);
  if (options.yes === true && named === account.name) return true;
  if (!process.stdin.isTTY || !context.terminal.interactive) {
    throw new UsageError(`"${account.name}" is a production account: to ${action} in it without a terminal, add --yes --confirm-account "${account.name}". Nothing was sent.`, 'The account\'s exact name, as event-desk profiles list shows it.');
  }
  const typed = (await read({ prompt: `Type the account name to ${action} in production account "${account.name}": `, output: process.stderr })).trim();
  if (typed !== account.name) throw new UsageError(`Not sent: "${typed}" is not the account's name ("${account.name}").`);
  context.confirmedAccount = account.name;
  return true;
}

/** Work made for another origin is refused (exit 2): the CLI has no dialog to ask, and never guesses. */
export function refuseOtherOrigin(change: OriginChange | null, what: string): void {
  if (change === null) return;
  throw new UsageError(`${what} was made for ${change.madeFor}, but the account now points at ${change.now}. Nothing was sent.`, `Point the account at ${change.madeFor} again (--api-url), or send it from the app, which asks first.`);
}
