import type { Command } from 'commander';
import { isAbsolute, join, relative } from 'node:path';
import { checkFile, chosenWorkspace, Failure, defaultUserDataDir, defaultWorkspaceDir, FOLDER_WORDS, SourceError, violationLines, Workspace, type FileFinding, type LoadedPlan } from '../../main/core/index.ts';
import type { PlanProblem } from '../../shared/plan.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';

interface WorkspaceOption {
  workspace?: string;
  json?: boolean;
}

const WORKSPACE_HELP = 'the workspace folder (default: EVENT_DESK_WORKSPACE, else the folder chosen in the app, else "workspace" in the user-data folder)';

const PLAN_HELP = `
Files: plan.yaml (onlyPlannedEvents: true|false) and definitions/<event-name>.yaml, one per event.
A file that does not parse or is not a valid definition is listed as FILE:LINE: error, never skipped.
Exit codes here: 0 clean; 2 a violation, a broken workspace file, or bad input; 1 anything else.
See docs/tracking-plan.md.`;

/** event-desk plan list|show|check|from-history: the tracking plan in a workspace folder, for people and CI. */
export function registerPlan(program: Command, context: CliContext): void {
  const { terminal } = context;
  const global = () => program.opts<GlobalOptions>();
  const workspaceOf = (options: WorkspaceOption) => new Workspace(workspaceDir(options, global(), context));
  const plan = program.command('plan').description('The tracking plan: event definitions every send is checked against, in a workspace folder a team shares through git');
  examples(plan, ['event-desk plan list', 'event-desk plan check events.ndjson', 'event-desk plan from-history "Refund issued" --write']);
  plan.addHelpText('after', PLAN_HELP);

  examples(
    plan
      .command('list')
      .description('Every event definition, and every workspace file that could not be used (exit 2 if any)')
      .option('--workspace <dir>', WORKSPACE_HELP)
      .option('--json', 'print JSON: { workspace, settings, definitions, problems }')
      .action(action(context, async (options: WorkspaceOption) => {
        const loaded = (await workspaceOf(options).load());
        const definitions = [...loaded.definitions.values()].map(({ definition, file }) => ({ name: definition.name, status: definition.status, enforcement: definition.enforcement, owner: definition.owner, description: definition.description, file }));
        if (options.json) terminal.data(JSON.stringify({ workspace: loaded.dir, settings: loaded.settings, definitions, problems: loaded.problems }));
        else {
          if (definitions.length === 0) terminal.info(`No event definitions in ${loaded.dir}. Propose one from history: event-desk plan from-history NAME --write`);
          for (const item of definitions) terminal.data(`${item.name.padEnd(32)} ${item.status.padEnd(10)} ${item.enforcement.padEnd(5)}  ${item.file}`);
          if (loaded.settings.onlyPlannedEvents) terminal.info('Only planned events: a name not listed here is blocked.');
        }
        return reportProblems(context, loaded, options.json === true);
      })),
    ['event-desk plan list', 'event-desk plan list --workspace ./tracking-plan --json | jq \'.definitions[].name\''],
  );

  examples(
    plan
      .command('show')
      .description('One event\'s definition, as its file holds it')
      .argument('<name>', 'the event name (exact, as sent)')
      .option('--workspace <dir>', WORKSPACE_HELP)
      .option('--json', 'print JSON: { file, definition }')
      .action(action(context, async (name: string, options: WorkspaceOption) => {
        const loaded = (await workspaceOf(options).load());
        const found = loaded.definitions.get(name.trim());
        if (!found) {
          const known = [...loaded.definitions.keys()].slice(0, 20);
          throw new UsageError(`There is no definition of "${name}" in ${loaded.dir}.`, known.length > 0 ? `Defined: ${known.join(', ')}.` : 'Propose one from history: event-desk plan from-history NAME --write');
        }
        if (options.json) terminal.data(JSON.stringify({ file: found.file, definition: found.definition }));
        else {
          terminal.info(`# ${join(loaded.dir, found.file)}`);
          for (const line of (await workspaceOf(options).format(found.definition)).trimEnd().split('\n')) terminal.data(line);
        }
        return EXIT.ok;
      })),
    ['event-desk plan show "Refund issued"', 'event-desk plan show "Refund issued" --json | jq .definition.schema'],
  );

  examples(
    plan
      .command('check')
      .description('Check a replay file (NDJSON, JSON array, CSV) or an Event Desk export against the plan, line by line, without sending anything')
      .argument('<file>', 'the file, read as `event-desk replay` reads it')
      .option('--workspace <dir>', WORKSPACE_HELP)
      .option('--json', 'print NDJSON: one { line, name, verdict, violations } per finding, then { summary }')
      .addHelpText('after', '\nEach violation is one line on stdout: FILE:LINE: event "NAME": data.amount: expected number\nExit 0: every line meets the plan. Exit 2: a line breaks it (a warning or a block), is not an event, or a workspace file is broken.')
      .action(action(context, async (file: string, options: WorkspaceOption) => {
        const loaded = (await workspaceOf(options).load());
        const problems = reportProblems(context, loaded, false);
        const print = (finding: FileFinding) => {
          if (options.json) terminal.data(JSON.stringify({ line: finding.position, name: finding.name, verdict: finding.verdict, violations: finding.violations }));
          else if (finding.name === null) terminal.data(`${file}:${finding.position}: ${finding.violations.map((violation) => violation.message).join('; ')}`);
          else for (const line of violationLines(finding.violations)) terminal.data(`${file}:${finding.position}: event ${JSON.stringify(finding.name)}: ${line}`);
        };
        let summary;
        try {
          summary = await checkFile(file, loaded, print);
        } catch (error) {
          if (error instanceof SourceError) throw new UsageError(error.message);
          throw error;
        }
        const broken = summary.warned + summary.blocked + summary.invalid;
        if (options.json) terminal.data(JSON.stringify({ summary: { ...summary, workspaceProblems: loaded.problems.length } }));
        const unit = summary.unit;
        if (broken === 0) terminal.success(`${summary.records} ${plural(summary.records, unit)} of ${summary.label} ${summary.records === 1 ? 'meets' : 'meet'} the plan (${loaded.definitions.size} ${plural(loaded.definitions.size, 'definition')}).`);
        else terminal.warn(`${broken} of ${summary.records} ${plural(summary.records, unit)} break the plan: ${summary.blocked} would be blocked, ${summary.warned} warned about, ${summary.invalid} ${summary.invalid === 1 ? 'is' : 'are'} not a valid event.`);
        return broken > 0 ? EXIT.usage : problems;
      })),
    ['event-desk plan check events.ndjson', 'event-desk plan check export.json --workspace ./tracking-plan', 'event-desk plan check rows.csv --json | jq -c \'select(.verdict == "block")\''],
  );

  examples(
    plan
      .command('from-history')
      .description('Propose a definition (a draft that warns) from the learned shape of the event\'s delivered sends in this account\'s history')
      .argument('<name>', 'the event name (exact, as sent)')
      .option('--write', 'save it to the workspace as definitions/<event-name>.yaml (refused if the event is defined already)')
      .option('--workspace <dir>', WORKSPACE_HELP)
      .option('--json', 'print the proposal as JSON')
      .addHelpText('after', '\nRequired: keys in at least 95% of sends. An enum: at most 10 distinct short strings seen over 20 or more sends.')
      .action(action(context, async (name: string, options: WorkspaceOption & { write?: boolean }) => {
        const workspace = workspaceOf(options);
        const proposal = await withCore(global(), context, async (core, scope) => core.plan.proposer.propose(scope.profile, name.trim()));
        if (options.write) {
          const existing = (await workspace.load()).definitions.get(proposal.name);
          if (existing) throw new UsageError(`"${proposal.name}" is defined already, in ${join(workspace.dir, existing.file)}.`, 'Edit that file, or delete it to propose again.');
          const file = await workspace.write(proposal);
          terminal.success(`Wrote ${join(workspace.dir, file)} (status draft: it warns, never blocks, until you make it active).`);
        }
        if (options.json) terminal.data(JSON.stringify(proposal));
        else if (!options.write) for (const line of (await workspace.format(proposal)).trimEnd().split('\n')) terminal.data(line);
        return EXIT.ok;
      })),
    ['event-desk plan from-history "Refund issued"', 'event-desk --profile Live plan from-history "Refund issued" --write --workspace ./tracking-plan'],
  );
}

/**
 * The workspace folder: --workspace, else EVENT_DESK_WORKSPACE, else the one chosen in the app, else
 * inside the user-data folder (found the way the host finds it: --user-data, EVENT_DESK_USER_DATA, the app's own).
 */
function workspaceDir(options: WorkspaceOption, global: GlobalOptions, context: CliContext): string {
  const given = options.workspace ?? context.env.EVENT_DESK_WORKSPACE;
  if (given !== undefined && given.trim() === '') throw new UsageError('--workspace is empty: give a folder.');
  if (given !== undefined) return given;
  const userData = global.userData ?? (context.env.EVENT_DESK_USER_DATA || defaultUserDataDir(process.platform, context.env));
  // The folder the app was pointed at (a git checkout) is the one people mean, as for the app's own sends.
  const chosen = chosenWorkspace(userData);
  if (chosen !== null && 'dir' in chosen && chosen.problem === null) return chosen.dir;
  const fallback = defaultWorkspaceDir(userData);
  if (chosen !== null && 'unread' in chosen) {
    // Reading another folder than the app's without a word could pass a check against the wrong plan.
    throw new Failure('workspace_unread', `The workspace folder chosen in the app could not be read from ${join(userData, 'history.sqlite')} (${chosen.unread}).`, { hint: 'Give the folder with --workspace DIR, or try again when the app is not busy.' });
  }
  if (chosen?.problem) context.terminal.warn(`The workspace folder chosen in the app, ${chosen.dir}, ${FOLDER_WORDS[chosen.problem]}: reading ${fallback} instead.`);
  return fallback;
}

/** Broken workspace files on stderr as FILE:LINE: error; the exit code they call for (2 if any). */
function reportProblems(context: CliContext, loaded: LoadedPlan, quiet: boolean): number {
  if (!quiet) for (const problem of loaded.problems) context.terminal.warn(problemLine(loaded.dir, problem));
  if (loaded.problems.length > 0 && !quiet) context.terminal.warn(`${loaded.problems.length} workspace ${plural(loaded.problems.length, 'file problem')}: ${loaded.problems.length === 1 ? 'that file was' : 'those files were'} not used, and left as they are.`);
  return loaded.problems.length > 0 ? EXIT.usage : EXIT.ok;
}

function problemLine(dir: string, problem: PlanProblem): string {
  const full = join(dir, problem.file);
  const shown = relative(process.cwd(), full);
  const path = shown.startsWith('..') || isAbsolute(shown) ? full : shown;
  return `${path}${problem.line === null ? '' : `:${problem.line}`}: ${problem.message}`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
