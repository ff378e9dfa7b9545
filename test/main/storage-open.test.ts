import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-open-');
const child = join(import.meta.dirname, '../support/open-child.ts');
const run = promisify(execFile);

describe('several processes opening a new user-data folder at once', () => {
  it('three processes, five fresh folders: every open succeeds and nothing is moved aside', async () => {
    const results: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      const folder = temp();
      // Started together, each waits for the same moment (node's own start-up takes longer than the spread).
      const at = String(Date.now() + 1500);
      const outputs = await Promise.all([0, 1, 2].map(() => run(process.execPath, [child, folder, at], { timeout: 20_000 }).then(({ stdout }) => stdout)));
      results.push(...outputs);
      expect(readdirSync(folder).filter((name) => name.includes('unreadable'))).toEqual([]);
    }
    expect(results).toEqual(Array(15).fill('ok'));
  }, 60_000);
});
