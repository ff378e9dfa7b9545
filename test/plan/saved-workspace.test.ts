import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { PLAN_LIMITS } from '../../src/main/plan/limits.ts';
import { Workspace } from '../../src/main/plan/workspace.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-saved-ws-');
afterEach(() => vi.restoreAllMocks());

const refundFile = (amount: string) =>
  ['title: Refund issued', 'name: Refund issued', 'description: ""', 'defaultCustomer: null', 'tags: []', 'fields: []', 'template:', `  amount: ${amount}`, ''].join('\n');

function open(userDataDir: string, chooseWorkspaceDir?: () => Promise<string | null>): Core {
  return createCore({ userDataDir, secretStore: fixedKeyStore('saved-ws-test-key-0123456789'), watchWorkspace: true, ...(chooseWorkspaceDir ? { chooseWorkspaceDir } : {}) });
}

/** A saved event as the window's IPC hands it to main (parsed: defaults filled in). */
const draft = (values: { title: string; name: string; template: Record<string, unknown>; fields?: { key: string; label: string; type: 'number' | 'text'; required: boolean; choices: string[] }[]; accounts?: string[] }) => ({ description: '', defaultCustomer: null, tags: [], fields: [], ...values });

/** The library as the window lists it (after the sync in progress). */
async function list(core: Core) {
  const answer = await createIpcHandlers(core)['saved:list']!(undefined);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as { id: number; title: string; template: Record<string, unknown>; file: string | null }[];
}

/** A saved event made the way the window makes one (saved:create), its id and file. */
async function create(core: Core, values: Parameters<typeof draft>[0]): Promise<{ id: number; file: string | null }> {
  const answer = await createIpcHandlers(core)['saved:create']!({ draft: draft(values) });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as { id: number; file: string | null };
}

describe('saved events in the workspace folder (issue 20): the library mirrors saved/', () => {
  it('a file in saved/ joins the library at start; an edit made elsewhere updates it, a library edit is written back, a removed file leaves', async () => {
    const userData = temp();
    const saved = join(userData, 'workspace', 'saved');
    mkdirSync(saved, { recursive: true });
    writeFileSync(join(saved, 'refund-issued.yaml'), refundFile('20'));
    const core = open(userData);
    try {
      const handlers = createIpcHandlers(core);
      const [refund] = await list(core);
      expect(refund).toMatchObject({ title: 'Refund issued', template: { amount: 20 }, file: 'saved/refund-issued.yaml' });

      // git pull changed the file: the file wins.
      writeFileSync(join(saved, 'refund-issued.yaml'), refundFile('35'));
      await core.savedFiles!.sync();
      expect((await list(core))[0]!.template).toEqual({ amount: 35 });

      // An edit in the app: written to the same file (a review shows an edit, not a rename).
      const updated = await handlers['saved:update']!({ id: refund!.id, draft: draft({ title: 'Refund paid', name: 'Refund issued', template: { amount: 40 } }) });
      expect(updated).toMatchObject({ ok: true, value: { title: 'Refund paid', file: 'saved/refund-issued.yaml' } });
      expect(readFileSync(join(saved, 'refund-issued.yaml'), 'utf8')).toContain('title: Refund paid');
      expect(readFileSync(join(saved, 'refund-issued.yaml'), 'utf8')).toContain('amount: 40');

      // Limiting a workspace event to some accounts is refused: files hold no account ids.
      await expect(handlers['saved:update']!({ id: refund!.id, draft: draft({ title: 'Refund paid', name: 'Refund issued', template: { amount: 40 }, accounts: ['default'] }) })).rejects.toMatchObject({ code: 'invalid_input' });

      // Delete with undo: the file goes, and comes back with the undo.
      expect(await handlers['saved:delete']!({ id: refund!.id })).toEqual({ ok: true, value: true });
      expect(existsSync(join(saved, 'refund-issued.yaml'))).toBe(false);
      expect(await handlers['saved:undoDelete']!({ id: refund!.id })).toMatchObject({ ok: true, value: { file: 'saved/refund-issued.yaml' } });
      expect(readFileSync(join(saved, 'refund-issued.yaml'), 'utf8')).toContain('title: Refund paid');

      // A colleague removed it (git pull): it leaves the library.
      rmSync(join(saved, 'refund-issued.yaml'));
      await core.savedFiles!.sync();
      expect(await list(core)).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('a broken file leaves its row alone; a title this computer uses is listed, never overwritten; a local event moves in on request', async () => {
    const userData = temp();
    const saved = join(userData, 'workspace', 'saved');
    const core = open(userData);
    try {
      const handlers = createIpcHandlers(core);
      const local = await create(core, { title: 'Call made', name: 'Call made', template: { minutes: 5 } });
      expect(local.file).toBeNull();
      expect(existsSync(saved)).toBe(false);

      // A file with the same title and other content: listed, the local one untouched.
      mkdirSync(saved, { recursive: true });
      writeFileSync(join(saved, 'call-made.yaml'), ['title: Call made', 'name: Call made', 'template:', '  minutes: 9', ''].join('\n'));
      const report = await core.savedFiles!.sync();
      expect(report.problems).toEqual([expect.objectContaining({ file: 'saved/call-made.yaml', message: expect.stringContaining('already titled "Call made"') })]);
      expect((await list(core))[0]).toMatchObject({ template: { minutes: 5 }, file: null });
      rmSync(join(saved, 'call-made.yaml'));

      // "Move to the workspace": written as its own file, mirrored from now on.
      const shared = await handlers['saved:share']!({ id: local.id });
      expect(shared).toMatchObject({ ok: true, value: { file: 'saved/call-made.yaml' } });
      expect(readFileSync(join(saved, 'call-made.yaml'), 'utf8')).toContain('minutes: 5');

      // The file is broken by a bad merge: listed by the workspace, the row kept as it was.
      writeFileSync(join(saved, 'call-made.yaml'), 'title: [unclosed\n');
      await core.savedFiles!.sync();
      expect((await list(core))[0]).toMatchObject({ title: 'Call made', template: { minutes: 5 } });
      const overview = await handlers['plan:overview']!(undefined);
      expect(overview).toMatchObject({ ok: true, value: { problems: [expect.objectContaining({ file: 'saved/call-made.yaml', message: expect.stringContaining('must be sufficiently indented') })] } });
    } finally {
      core.close();
    }
  });

  it('switching folders: the old folder\'s events leave the library (they stay in their files) and the new folder\'s come in', async () => {
    const userData = temp();
    const team = temp();
    mkdirSync(join(team, 'saved'));
    writeFileSync(join(team, 'saved', 'refund-issued.yaml'), refundFile('7'));
    const core = open(userData, async () => team);
    try {
      const handlers = createIpcHandlers(core);
      const mine = await create(core, { title: 'Goodwill credit', name: 'Goodwill credit', template: { amount: 5 } });
      await handlers['saved:share']!({ id: mine.id });
      expect((await list(core)).map((item) => item.title)).toEqual(['Goodwill credit']);
      await handlers['plan:chooseWorkspace']!(undefined);
      await core.savedFiles!.settled();
      expect((await list(core)).map((item) => [item.title, item.file])).toEqual([['Refund issued', 'saved/refund-issued.yaml']]);
      expect(existsSync(join(userData, 'workspace', 'saved', 'goodwill-credit.yaml'))).toBe(true);
      expect(resolve(core.plan.workspace.dir)).toBe(resolve(team));
    } finally {
      core.close();
    }
  });

  it('saving a saved event the plan would block at every send is refused; what an input will fill is not judged by a sample', async () => {
    const userData = temp();
    const definitions = join(userData, 'workspace', 'definitions');
    mkdirSync(definitions, { recursive: true });
    writeFileSync(join(definitions, 'call-made.yaml'), ['name: Call made', 'status: active', 'enforcement: block', 'schema:', '  type: object', '  properties:', '    who:', '      type: string', '      minLength: 20', ''].join('\n'));
    writeFileSync(join(definitions, 'refund-issued.yaml'), ['name: Refund issued', 'status: active', 'enforcement: block', 'schema:', '  type: object', '  required: [amount, method]', '  properties:', '    amount:', '      type: number', '      minimum: 10', '    method:', '      type: string', '      enum: [card, cash]', ''].join('\n'));
    const core = open(userData);
    try {
      const handlers = createIpcHandlers(core);
      const fields = [{ key: 'amount', label: 'Amount', type: 'number' as const, required: true, choices: [] }];
      // The sample amount (1) is under the minimum, but the person types the amount: not judged.
      const good = await handlers['saved:create']!({ draft: draft({ title: 'Refund', name: 'Refund issued', template: { amount: '{{input.amount}}', method: 'card' }, fields }) });
      expect(good).toMatchObject({ ok: true });
      // A fixed value outside the enum, and a missing required key: refused, with the rule's words.
      await expect(handlers['saved:create']!({ draft: draft({ title: 'Refund (wire)', name: 'Refund issued', template: { amount: '{{input.amount}}', method: 'wire' }, fields }) })).rejects.toMatchObject({ code: 'plan_violation', reason: 'saved', message: expect.stringContaining('data.method: must be one of: card, cash') });
      // A text field where the plan wants a number: the type is the field's, so it is judged.
      await expect(handlers['saved:create']!({ draft: draft({ title: 'Refund (text)', name: 'Refund issued', template: { amount: '{{input.amount}}', method: 'cash' }, fields: [{ ...fields[0]!, type: 'text' as const }] }) })).rejects.toMatchObject({ code: 'plan_violation', message: expect.stringContaining('data.amount: expected number') });
      // A customer placeholder is known only at send time too: the sample customer's short name is not judged.
      expect(await handlers['saved:create']!({ draft: draft({ title: 'Call', name: 'Call made', template: { who: '{{customer.name}}' } }) })).toMatchObject({ ok: true });
      expect((await list(core)).map((item) => item.title).toSorted()).toEqual(['Call', 'Refund']);
    } finally {
      core.close();
    }
  });
  it('a folder that vanished or became a link, or a file that cannot be written, costs no row and no library edit', async () => {
    const userData = temp();
    const folder = join(userData, 'workspace');
    const saved = join(folder, 'saved');
    mkdirSync(saved, { recursive: true });
    writeFileSync(join(saved, 'refund-issued.yaml'), refundFile('20'));
    writeFileSync(join(saved, 'call-made.yaml'), ['title: Call made', 'name: Call made', 'template:', '  minutes: 9', ''].join('\n'));
    const core = open(userData);
    try {
      const handlers = createIpcHandlers(core);
      expect((await list(core)).map((item) => item.title)).toEqual(['Call made', 'Refund issued']);

      // The checkout was moved away (or the drive unplugged): unreadable, not empty.
      renameSync(folder, `${folder}-away`);
      const away = await core.savedFiles!.sync();
      expect(away.removed).toEqual([]);
      expect((await list(core)).map((item) => item.title)).toEqual(['Call made', 'Refund issued']);
      expect(core.savedFiles!.problems()).toEqual([expect.objectContaining({ file: 'saved', message: 'the workspace folder cannot be found' })]);
      renameSync(`${folder}-away`, folder);

      // saved/ replaced by a link to somewhere else: neither read nor written, the rows stay.
      renameSync(saved, `${saved}-real`);
      symlinkSync(`${saved}-real`, saved);
      expect((await core.savedFiles!.sync()).removed).toEqual([]);
      expect((await list(core)).map((item) => item.file)).toEqual(['saved/call-made.yaml', 'saved/refund-issued.yaml']);
      expect(core.savedFiles!.problems()).toEqual([expect.objectContaining({ file: 'saved', message: expect.stringContaining('symbolic link') })]);
      rmSync(saved);
      renameSync(`${saved}-real`, saved);
      await core.savedFiles!.sync();

      // One file cannot be written (a disk error): the edit is kept in the library and the problem listed; the other file still syncs.
      const [call, refund] = await list(core);
      const write = Workspace.prototype.writeSavedFile;
      vi.spyOn(Workspace.prototype, 'writeSavedFile').mockImplementation(function (this: Workspace, event, into) {
        if (into === 'saved/call-made.yaml') return Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' }));
        return write.call(this, event, into);
      });
      const edited = await handlers['saved:update']!({ id: call!.id, draft: draft({ title: 'Call made', name: 'Call made', template: { minutes: 12 } }) });
      expect(edited).toMatchObject({ ok: true, value: { template: { minutes: 12 } } });
      expect(readFileSync(join(saved, 'call-made.yaml'), 'utf8')).toContain('minutes: 9');
      const overview = await handlers['plan:overview']!(undefined);
      expect(overview).toMatchObject({ ok: true, value: { problems: [expect.objectContaining({ file: 'saved/call-made.yaml', message: 'could not be synced (EIO)' })] } });
      await handlers['saved:update']!({ id: refund!.id, draft: draft({ title: 'Refund issued', name: 'Refund issued', template: { amount: 25 } }) });
      expect(readFileSync(join(saved, 'refund-issued.yaml'), 'utf8')).toContain('amount: 25');
      // The disk is back: the next sync writes the kept edit.
      vi.restoreAllMocks();
      expect((await core.savedFiles!.sync()).written).toEqual(['saved/call-made.yaml']);
      expect(readFileSync(join(saved, 'call-made.yaml'), 'utf8')).toContain('minutes: 12');
    } finally {
      core.close();
    }
  });

  it('"Move to the workspace" never overwrites a colleague\'s file of the same title', async () => {
    const userData = temp();
    const saved = join(userData, 'workspace', 'saved');
    const core = open(userData);
    try {
      const handlers = createIpcHandlers(core);
      const mine = await create(core, { title: 'Goodwill credit', name: 'Goodwill credit', template: { amount: 5 } });
      mkdirSync(saved, { recursive: true });
      const theirs = ['title: Goodwill credit', 'name: Goodwill credit', 'template:', '  amount: 50', ''].join('\n');
      writeFileSync(join(saved, 'goodwill.yaml'), theirs);
      await core.savedFiles!.sync();
      await expect(handlers['saved:share']!({ id: mine.id })).rejects.toMatchObject({ code: 'workspace_file', reason: 'title', params: { file: 'saved/goodwill.yaml', title: 'Goodwill credit' } });
      expect(readFileSync(join(saved, 'goodwill.yaml'), 'utf8')).toBe(theirs);
      expect(existsSync(join(saved, 'goodwill-credit.yaml'))).toBe(false);
      expect((await list(core))[0]).toMatchObject({ template: { amount: 5 }, file: null });

      // A folder with more files than are read: the title could be in a file not read, so nothing is written.
      const renamed = await handlers['saved:update']!({ id: mine.id, draft: draft({ title: 'Zebra credit', name: 'Goodwill credit', template: { amount: 5 } }) });
      expect(renamed).toMatchObject({ ok: true });
      for (let n = 0; n < PLAN_LIMITS.files; n += 1) writeFileSync(join(saved, `a-${String(n).padStart(5, '0')}.yaml`), `title: Filler ${n}\nname: Filler\ntemplate: {}\n`);
      const colleague = ['title: Zebra credit', 'name: Goodwill credit', 'template:', '  amount: 99', ''].join('\n');
      writeFileSync(join(saved, 'zebra-credit.yaml'), colleague);
      await expect(handlers['saved:share']!({ id: mine.id })).rejects.toMatchObject({ code: 'workspace_file', params: { detail: expect.stringContaining('only the first') } });
      expect(readFileSync(join(saved, 'zebra-credit.yaml'), 'utf8')).toBe(colleague);
    } finally {
      core.close();
    }
  }, 60_000);

  it('"Move to the workspace" into a chosen folder that is gone refuses, and never makes the folder again', async () => {
    const userData = temp();
    const team = temp();
    const core = open(userData, async () => team);
    try {
      const handlers = createIpcHandlers(core);
      await handlers['plan:chooseWorkspace']!(undefined);
      const mine = await create(core, { title: 'Goodwill credit', name: 'Goodwill credit', template: { amount: 5 } });
      rmSync(team, { recursive: true });
      await expect(handlers['saved:share']!({ id: mine.id })).rejects.toMatchObject({ code: 'workspace_file', params: { detail: 'the workspace folder cannot be found' } });
      expect(existsSync(team)).toBe(false);
    } finally {
      core.close();
    }
  });
});
