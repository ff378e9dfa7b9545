import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockCliSession } from './mock-session.ts';

// A plan lists its first 20 invalid lines and how many more; --all-errors lists every one.
const session = mockCliSession('event-desk-cli-replay-errors-');

describe('replay --all-errors', { timeout: 60_000 }, () => {
  it('without it: 20 lines and "… and 5 more: add --all-errors"; with it: all 25, each once; nothing sent either way', async () => {
    const file = join(session.temp(), 'mixed.ndjson');
    const bad = Array.from({ length: 25 }, (_, index) => JSON.stringify({ name: '', customer: 1001, data: { n: index } }));
    writeFileSync(file, [JSON.stringify({ name: 'Good', customer: 1001, data: {} }), ...bad].join('\n'));
    const lineErrors = (stderr: string) => stderr.split('\n').filter((line) => /^\s+line \d+: name: /.test(line));

    const short = await session.cli(['replay', file]);
    expect(lineErrors(short.stderr)).toHaveLength(20);
    expect(short.stderr).toContain('… and 5 more: add --all-errors to list them all');

    const all = await session.cli(['replay', file, '--all-errors']);
    const listed = lineErrors(all.stderr);
    expect(listed).toHaveLength(25);
    expect(new Set(listed.map((line) => /line (\d+)/.exec(line)![1])).size).toBe(25);
    expect(listed.at(-1)).toContain('line 26:');
    // No terminal and no --yes: the plan is discarded, nothing sent (exit 2, as before).
    expect(all.code).toBe(2);
    expect(session.events()).toEqual([]);
  });
});
