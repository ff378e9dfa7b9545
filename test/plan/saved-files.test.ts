import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SavedEventFile } from '../../src/main/plan/definition-file.ts';
import { Workspace } from '../../src/main/plan/workspace.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-saved-files-');

const refund: SavedEventFile = {
  title: 'Refund issued',
  name: 'Refund issued',
  description: 'After a refund in the billing tool.',
  defaultCustomer: null,
  tags: ['billing'],
  fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true, choices: [] }],
  template: { amount: '{{input.amount}}', at: '{{now}}' },
};

describe('saved events in the workspace', () => {
  it('write → read gives the same saved event, one readable file each, named after its title', async () => {
    const workspace = new Workspace(temp());
    expect(await workspace.writeSaved(refund)).toBe('saved/refund-issued.yaml');
    expect(await workspace.writeSaved({ ...refund, title: 'Refund (cash)', tags: [] })).toBe('saved/refund-cash.yaml');
    const { saved, problems } = await workspace.loadSaved();
    expect(problems).toEqual([]);
    expect(saved.map((item) => item.saved)).toEqual([{ ...refund, title: 'Refund (cash)', tags: [] }, refund]);
    const text = readFileSync(join(workspace.dir, 'saved/refund-issued.yaml'), 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['title: Refund issued', 'name: Refund issued', 'description: After a refund in the billing tool.']);
    // The template keeps the user's own key order (it is the event's data).
    expect(text).toMatch(/template:\n {2}amount: "\{\{input.amount\}\}"\n {2}at: "\{\{now\}\}"\n$/);
    // Written again by title: the same file.
    expect(await workspace.writeSaved({ ...refund, description: 'Changed.' })).toBe('saved/refund-issued.yaml');
  });

  it('a broken file is listed with its line, never dropped or overwritten; account ids are refused', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'saved'));
    const badTemplate = 'title: Typo\nname: Call made\ntemplate:\n  minutes: "{{input.minuts}}"\n';
    const accounts = 'title: Mine\nname: Call made\ntemplate: {}\naccounts: [default]\n';
    writeFileSync(join(dir, 'saved/typo.yaml'), badTemplate);
    writeFileSync(join(dir, 'saved/mine.yaml'), accounts);
    const workspace = new Workspace(dir);
    await workspace.writeSaved(refund);
    const { saved, problems } = await workspace.loadSaved();
    expect(saved.map((item) => item.saved.title)).toEqual(['Refund issued']);
    expect(problems).toEqual([
      { file: 'saved/mine.yaml', line: 4, message: 'accounts: unknown key (allowed: title, name, description, defaultCustomer, tags, fields, template)' },
      { file: 'saved/typo.yaml', line: 4, message: 'template: minutes: There is no input field "minuts": add it under "Fields", or fix the name.' },
    ]);
    expect(await workspace.writeSaved({ ...refund, title: 'Typo' })).toBe('saved/typo-2.yaml');
    expect(readFileSync(join(dir, 'saved/typo.yaml'), 'utf8')).toBe(badTemplate);
    expect(readFileSync(join(dir, 'saved/mine.yaml'), 'utf8')).toBe(accounts);
  });
});
