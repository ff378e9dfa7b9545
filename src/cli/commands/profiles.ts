import type { Command } from 'commander';
import { baseUrlSchema } from '../../shared/settings.ts';
import { firstMessage } from '../../shared/event.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';

/** event-desk profiles list|create|rename|delete|use: the HelpCrunch accounts, shared with the app. */
export function registerProfiles(program: Command, context: CliContext): void {
  const { terminal } = context;
  const global = () => program.opts<GlobalOptions>();
  const profiles = program.command('profiles').description('HelpCrunch accounts (profiles): list, create, rename, delete, choose the default');
  examples(profiles, ['event-desk profiles list', 'event-desk profiles create Staging --api-url https://staging.example/v1', 'event-desk --profile Staging key set < staging-key.txt']);

  profiles
    .command('list')
    .description('Every profile; * marks the one commands use by default (the one used last)')
    .option('--json', 'print JSON')
    .action(action(context, async (options: { json?: boolean }) =>
      withCore({ ...global(), profile: undefined }, context, async (core) => {
        const view = core.profiles.view();
        if (options.json) terminal.data(JSON.stringify(view));
        else for (const profile of view.profiles) terminal.data(`${profile.id === view.active ? '*' : ' '} ${profile.name.padEnd(24)} ${profile.production ? 'production  ' : ''}${profile.perMinute}/min  ${core.scope(profile.id).store.baseUrl().value}`);
        return EXIT.ok;
      }),
    ));

  profiles
    .command('create')
    .description('A new profile (its key is set with: event-desk --profile NAME key set)')
    .argument('<name>', 'a name, like Staging')
    .option('--production', 'mark it as production: the app asks before each send and plans say so in red')
    .option('--per-minute <n>', 'its request budget per minute', '120')
    .option('--api-url <url>', 'its API base URL (default HelpCrunch)')
    .action(action(context, async (name: string, options: { production?: boolean; perMinute: string; apiUrl?: string }) =>
      withCore({ ...global(), profile: undefined, apiUrl: undefined }, context, async (core) => {
        // The program's own --api-url takes the flag wherever it is written: read either.
        const apiUrl = options.apiUrl ?? global().apiUrl;
        const url = apiUrl === undefined ? null : baseUrlSchema.safeParse(apiUrl);
        if (url && !url.success) throw new UsageError(`--api-url: ${firstMessage(url.error)}`);
        const profile = core.profiles.create({ name, production: options.production === true, perMinute: Number(options.perMinute) });
        if (url?.success) core.scope(profile.id).store.setBaseUrl(url.data);
        terminal.success(`Created "${profile.name}". Set its key: event-desk --profile "${profile.name}" key set`);
        return EXIT.ok;
      }),
    ));

  profiles
    .command('rename')
    .argument('<name>', 'the profile')
    .argument('<new-name>', 'its new name')
    .description('Rename a profile (its history, key and jobs stay with it)')
    .action(action(context, async (name: string, next: string) =>
      withCore({ ...global(), profile: undefined }, context, async (core) => {
        const profile = core.profiles.find(name);
        core.profiles.update(profile.id, { ...profile, name: next, colour: profile.colour as never });
        terminal.success(`"${profile.name}" is now "${next}".`);
        return EXIT.ok;
      }),
    ));

  profiles
    .command('use')
    .argument('<name>', 'the profile')
    .description('Make it the default for the app and for commands without --profile')
    .action(action(context, async (name: string) =>
      withCore({ ...global(), profile: undefined }, context, async (core) => {
        const profile = core.profiles.use(core.profiles.find(name).id);
        terminal.success(`Using "${profile.name}".`);
        return EXIT.ok;
      }),
    ));

  profiles
    .command('delete')
    .argument('<name>', 'the profile')
    .option('--yes', 'really delete it, with its history, saved events, jobs, outbox and key')
    .description('Delete a profile that is not in use, with everything that belongs to it (export its history first)')
    .action(action(context, async (name: string, options: { yes?: boolean }) =>
      withCore({ ...global(), profile: undefined }, context, async (core) => {
        const profile = core.profiles.find(name);
        if (!options.yes) throw new UsageError(`Deleting "${profile.name}" removes its history, saved events, jobs, outbox and key for good.`, `Export what you need first (event-desk --profile "${profile.name}" export --out FILE), then add --yes.`);
        await core.profiles.delete(profile.id);
        terminal.success(`Deleted "${profile.name}".`);
        return EXIT.ok;
      }),
    ));
}
