import { describe, expect, it } from 'vitest';
import { mockCliSession, STACK_TRACE } from './mock-session.ts';

// Every usage mistake exits 2 with a message (never a stack trace, never 1 or 0), and --help reads
// usage first, then examples, then options.
const session = mockCliSession('event-desk-cli-usage-');

describe('usage errors exit 2', { timeout: 60_000 }, () => {
  it.each([
    [['jobs'], 'Commands: list, show, resume, retry, resolve, export. See event-desk jobs --help.'],
    [['key'], 'See event-desk key --help.'],
    [['saved'], 'See event-desk saved --help.'],
    [['outbox'], 'See event-desk outbox --help.'],
    [['profiles'], 'See event-desk profiles --help.'],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['send', '--bogus'], "unknown option '--bogus'"],
    [['send', '--name', 'x'], "required option '--customer <id|email>' not specified"],
    [['jobs', 'show'], "missing required argument 'id'"],
    [['jobs', 'show', '1', '--items', 'nope'], 'Allowed choices are'],
    [['jobs', 'resume', '42', '--yes'], 'There is no job 42.'],
    [['jobs', 'resolve', '1'], 'Say --resend or --delivered.'],
    [['saved', 'import'], "missing required argument 'file'"],
    [['saved', 'show', 'Nope'], 'There is no saved event titled "Nope".'],
    [['send', '--saved', 'Nope', '--customer', '1001'], 'There is no saved event titled "Nope".'],
    [['history', '--limit', '0'], '--limit 0: give a whole number from 1 to 100000.'],
    [['--rate', 'abc', 'history'], '--rate abc: give the requests per minute'],
    [['replay'], 'Give a file to replay, or --from-history (not both).'],
    [['profiles', 'create', 'Default'], 'A profile is already called "Default".'],
    [['--profile', 'Nope', 'history'], 'There is no profile "Nope".'],
  ])('%j', async (args, message) => {
    const result = await session.cli(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
  });

  it('a group without its subcommand prints the short usage only, not the whole help', async () => {
    const result = await session.cli(['jobs']);
    expect(result.stderr.trim().split('\n')).toEqual(['Usage: event-desk jobs [options] [command]', 'Commands: list, show, resume, retry, resolve, export. See event-desk jobs --help.']);
  });

  it('help and --version exit 0', async () => {
    for (const args of [['--help'], ['help', 'jobs'], ['jobs', '--help'], ['--version']]) expect((await session.cli(args)).code).toBe(0);
  });
});

describe('--help', { timeout: 60_000 }, () => {
  it.each([['send'], ['history'], ['replay'], ['key', 'set'], ['jobs', 'resume'], ['saved']])('%j: usage, then examples, then options; the exit codes at the end', async (...command) => {
    const help = await session.cli([...command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith(`Usage: event-desk ${command.join(' ')} [options]`)).toBe(true);
    const usage = help.stdout.indexOf('Usage:');
    const examples = help.stdout.indexOf('Examples:\n  $ ');
    const options = help.stdout.indexOf('\nOptions:');
    expect(usage).toBeLessThan(examples);
    expect(examples).toBeLessThan(options);
    expect(help.stdout).toContain('2  bad input or usage: nothing was sent');
  });

  it('send --help says every problem is listed at once; replay --help offers --all-errors', async () => {
    expect((await session.cli(['send', '--help'])).stdout).toContain('Every problem with the input is listed at once');
    expect((await session.cli(['replay', '--help'])).stdout).toMatch(/--all-errors\s+list every invalid line/);
  });
});
