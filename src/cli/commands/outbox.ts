import type { Command } from 'commander';
import { OUTBOX_STATE_LABELS } from '../../shared/outbox.ts';
import { EXIT } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import { confirmAccount, refuseOtherOrigin } from '../account-confirm.ts';
import { withoutAppSentences } from '../words.ts';

/** event-desk outbox list|drain: what is waiting because HelpCrunch could not be reached. */
export function registerOutbox(program: Command, context: CliContext): void {
  const { terminal } = context;
  const global = () => program.opts<GlobalOptions>();
  const outbox = program.command('outbox').description('Sends kept because HelpCrunch could not be reached: list them, send them now');
  examples(outbox, ['event-desk outbox list', 'event-desk outbox drain']);

  outbox
    .command('list')
    .description('What is waiting, oldest first, and why')
    .option('--json', 'print a JSON array')
    .action(action(context, async (options: { json?: boolean }) =>
      withCore(global(), context, async (_core, scope) => {
        const items = scope.origins.describe(scope.outbox.list());
        if (options.json) terminal.data(JSON.stringify(items));
        else if (items.length === 0) terminal.info('The outbox is empty.');
        else for (const item of items) terminal.data(`${String(item.id).padEnd(5)} ${OUTBOX_STATE_LABELS[item.state].padEnd(24)} ${item.event.name} → ${item.event.customer}  ${withoutAppSentences(item.lastError ?? '').text}`);
        return EXIT.ok;
      }),
    ));

  outbox
    .command('drain')
    .description('Send what is waiting now, oldest first (stops at the first that still cannot be sent)')
    .option('--yes', 'in a production account without a terminal: send, with --confirm-account NAME')
    .action(action(context, async (options: { yes?: boolean }) =>
      withCore(global(), context, async (_core, scope) => {
        // Items made for another origin (another base URL, a launch override) are never sent from here.
        const elsewhere = scope.origins.outboxElsewhere();
        const first = elsewhere[0];
        if (first) refuseOtherOrigin({ madeFor: first.origin!, now: scope.origins.current() }, elsewhere.length === 1 ? `Outbox item ${first.id}` : `${elsewhere.length} outbox items (${elsewhere.map((item) => item.id).join(', ')})`);
        if (scope.outbox.count() > 0) await confirmAccount(scope, context, global(), options, 'send the outbox');
        const delivered = await scope.outbox.sendNow();
        const left = scope.origins.describe(scope.outbox.list());
        terminal.info(`Delivered ${delivered}; ${left.length} left in the outbox.`);
        for (const item of left) terminal.info(`  ${item.id}: ${OUTBOX_STATE_LABELS[item.state]}${item.lastError ? ` — ${withoutAppSentences(item.lastError).text}` : ''}`);
        return left.length === 0 ? EXIT.ok : EXIT.failed;
      }),
    ));
}
