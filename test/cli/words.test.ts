import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEntryWords, cliFailure, cliFieldMessage, withoutAppSentences } from '../../src/cli/words.ts';
import { mockCliSession, STACK_TRACE } from './mock-session.ts';

// The CLI's own words: the core's instructions point at the app's screens; the CLI names flags and
// commands instead, without changing the core's words.
const session = mockCliSession('event-desk-cli-words-');
const APP_WORDS = /in Settings|Settings →|from the list|Pick a customer|Open Jobs|Choose another folder|in the app to send/;

describe('what reaches the terminal', { timeout: 60_000 }, () => {
  it('no key: the send says how to save one with event-desk key set (exit 3), not "Add one in Settings"', async () => {
    for (const customer of ['1001', 'ada.lovelace@example.com']) {
      const result = await session.cli(['send', '--name', 'Call made', '--customer', customer]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('No API key is set.');
      expect(result.stderr).toContain('Save one with `event-desk key set`');
      expect(result.stderr).not.toMatch(APP_WORDS);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
    const test = await session.cli(['key', 'test']);
    expect(test.code).toBe(3);
    expect(test.stderr).toContain('Save one with `event-desk key set`');
    expect(test.stderr).not.toMatch(APP_WORDS);
    expect(session.events()).toEqual([]);
  });

  it('a wrong key (401): HelpCrunch\'s answer, then event-desk key set and key test (exit 3)', async () => {
    await session.cli(['key', 'set'], 'not-the-right-key-123456');
    const result = await session.cli(['send', '--name', 'Call made', '--customer', '1001']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('HelpCrunch did not accept the API key (401');
    expect(result.stderr).toContain('Save the right key with `event-desk key set`, then check it with `event-desk key test`.');
    expect(result.stderr).not.toMatch(APP_WORDS);
    const test = await session.cli(['key', 'test']);
    expect(test.code).toBe(3);
    expect(test.stderr).toContain('Save the right key with `event-desk key set`');
  });

  it('the customer and name fields name their flags', async () => {
    await session.setKey();
    const result = await session.cli(['send', '--name', ' ', '--customer', 'Ada', '--data', '[]']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The event cannot be sent as given (3 problems); nothing was sent:');
    expect(result.stderr).toContain('  --name: give the event name, like --name "Call made".');
    expect(result.stderr).toContain('  --customer Ada: give a HelpCrunch customer id (a whole number, like 1001) or their email (--customer ada@example.com).');
    expect(result.stderr).toContain('  --data: Data must be a JSON object');
    expect(result.stderr).not.toMatch(APP_WORDS);
    expect(session.events()).toEqual([]);
  });
});

describe('the mapping', () => {
  it('by failure code: the app\'s instruction is cut and the CLI\'s fix given', () => {
    expect(cliFailure({ code: 'unauthorized', message: 'HelpCrunch did not accept the API key (401). Check it in Settings.' })).toEqual({ message: 'HelpCrunch did not accept the API key (401).', hint: expect.stringContaining('event-desk key set') });
    expect(cliFailure({ code: 'write_failed', message: 'The folder for /x/y.json does not exist. Choose another folder.' })).toEqual({ message: 'The folder for /x/y.json does not exist.', hint: expect.stringContaining('--out') });
    expect(cliFailure({ code: 'origin_changed', message: 'Job 3 was made for https://a; the account now points at https://b. Nothing was sent.', hint: 'Point the account at https://a again to send it there, or confirm in the app to send it to https://b.' }).hint).toContain('--api-url');
    expect(cliFailure({ code: 'job_interrupted', message: '1 replay job was interrupted when Event Desk last stopped. Open Jobs to resume.' })).toEqual({ message: '1 replay job was interrupted when Event Desk last stopped.', hint: expect.stringContaining('event-desk jobs resume') });
    // A failure whose hint is already a terminal's keeps it.
    expect(cliFailure({ code: 'not_found', message: 'There is no job 4.', hint: 'event-desk jobs list shows the jobs.' })).toEqual({ message: 'There is no job 4.', hint: 'event-desk jobs list shows the jobs.' });
  });

  it('a history entry: no key, a key saved for another address, a refused key', () => {
    expect(cliEntryWords({ outcome: 'unauthorized', httpStatus: null, message: 'No API key is set. Add one in Settings.' })).toEqual({ message: 'No API key is set.', hint: expect.stringContaining('event-desk key set') });
    const withheld = cliEntryWords({ outcome: 'unauthorized', httpStatus: null, message: 'The API key was saved for https://a, so Event Desk does not send it to https://b. Enter the key again in Settings to use it with this address.' });
    expect(withheld).toEqual({ message: 'The API key was saved for https://a, so Event Desk does not send it to https://b.', hint: expect.stringContaining('--api-url') });
    expect(cliEntryWords({ outcome: 'unauthorized', httpStatus: 401, message: 'HelpCrunch did not accept the API key (401). Check or replace the key in Settings.' }).message).toBe('HelpCrunch did not accept the API key (401).');
    expect(cliEntryWords({ outcome: 'not_found', httpStatus: 404, message: 'HelpCrunch has no customer with id 9 (404). Check the customer id.' })).toEqual({ message: 'HelpCrunch has no customer with id 9 (404). Check the customer id.', hint: undefined });
  });

  it('by field: the customer as typed decides the words', () => {
    expect(cliFieldMessage('customer', '', 'Choose a customer: search by name or email, or type their id.')).toBe('--customer: say who the event is for: --customer <id|email>.');
    expect(cliFieldMessage('customer', '12.5', 'Pick a customer from the list, or type their numeric HelpCrunch id (digits only).')).toContain('--customer 12.5: give a HelpCrunch customer id');
    expect(cliFieldMessage('customer', '0', 'The customer id must be greater than zero.')).toBe('--customer 0: The customer id must be greater than zero.');
    expect(cliFieldMessage('data', '', 'Data is not valid JSON: x')).toBe('--data: Data is not valid JSON: x');
    // A name that is there but wrong keeps the composer's reason.
    expect(cliFieldMessage('name', 'x'.repeat(300), 'Keep the event name to 255 characters.')).toBe('--name: Keep the event name to 255 characters.');
  });

  it('every instruction the core gives that points at the app\'s window is one the CLI rewords', () => {
    // A guard against a new wording: each string in the core (and shared) that names the app's
    // screens must be cut by the table or be a field message the CLI rewords by field.
    const root = join(import.meta.dirname, '..', '..', 'src');
    const hostOnly = /^main[/\\](electron[/\\]|index\.ts|ipc[/\\])/;
    const rewordedByField = ['shared/event.ts', 'main/replay/record-check.ts'];
    const found: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        const name = relative(root, path).replaceAll('\\', '/');
        if (entry.isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !hostOnly.test(name) && !rewordedByField.includes(name) && (name.startsWith('main/') || name.startsWith('shared/'))) {
          for (const line of readFileSync(path, 'utf8').split('\n')) {
            if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) continue;
            for (const literal of line.match(/'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? []) {
              if (APP_WORDS.test(literal) && !/Settings → (Developers|History)/.test(literal) && !withoutAppSentences(literal).changed) found.push(`${name}: ${literal}`);
            }
          }
        }
      }
    };
    walk(root);
    expect(found).toEqual([]);
  });
});
