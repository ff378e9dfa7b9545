import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/index.ts';
import { workspaceDialog } from '../../src/main/electron/dialog-options.ts';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { mainWords } from '../../src/main/language/main-words.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-switch-');

const definition = (type: string) => ['name: Refund issued', 'status: active', 'enforcement: block', 'schema:', '  type: object', '  properties:', '    amount:', `      type: ${type}`, ''].join('\n');

/** A workspace folder holding the one definition of "Refund issued" (amount of `type`). */
function workspaceWith(type: string): string {
  const dir = temp();
  mkdirSync(join(dir, 'definitions'));
  writeFileSync(join(dir, 'definitions', 'refund-issued.yaml'), definition(type));
  return dir;
}

const event = { name: 'Refund issued', data: { amount: '20' } };

function open(userDataDir: string, options: Partial<CoreOptions> = {}): { core: Core; changes: () => Promise<void> } {
  let waiting: (() => void)[] = [];
  const core = createCore({
    userDataDir,
    secretStore: fixedKeyStore('switch-test-key-0123456789'),
    watchWorkspace: true,
    emit: (push) => {
      if (push !== 'plan:changed') return;
      for (const settle of waiting) settle();
      waiting = [];
    },
    ...options,
  });
  return { core, changes: () => new Promise<void>((settle) => waiting.push(settle)) };
}

describe('"Open workspace folder…" (issue 20): switching the plan\'s folder without a restart', () => {
  it('a chosen folder reaches the checker, the overview, the watcher and core.plan.workspace, and the listeners run before plan:changed', async () => {
    const userData = temp();
    const chosen = workspaceWith('number');
    const { core, changes } = open(userData, { chooseWorkspaceDir: async () => chosen });
    try {
      await core.workspaceWatcher!.ready;
      expect(core.workspaceFolders.view()).toEqual({ dir: join(userData, 'workspace'), source: 'default' });
      expect((await core.plan.checker.check(event)).verdict).toBe('ok');
      const order: string[] = [];
      core.plan.onChange(async () => {
        order.push(`listener sees ${core.plan.workspace.dir}`);
      });
      const announced = changes().then(() => order.push('plan:changed'));
      const handlers = createIpcHandlers(core);
      const answer = await handlers['plan:chooseWorkspace']!(undefined);
      expect(answer).toEqual({ ok: true, value: { dir: resolve(chosen), source: 'chosen' } });
      await announced;
      expect(order).toEqual([`listener sees ${resolve(chosen)}`, 'plan:changed']);
      expect(core.plan.workspace.dir).toBe(resolve(chosen));
      expect(await core.plan.checker.check(event)).toMatchObject({ verdict: 'block', violations: [{ path: 'data.amount', message: 'expected number' }] });
      expect((await core.plan.overview.overview('default')).dir).toBe(resolve(chosen));
      // The watcher moved: an edit in the new folder is seen, and the old one is no longer watched.
      await core.workspaceWatcher!.ready;
      expect(core.workspaceWatcher!.watched()).toContain(resolve(chosen));
      expect(core.workspaceWatcher!.watched()).not.toContain(join(userData, 'workspace'));
      const changed = changes();
      writeFileSync(join(chosen, 'definitions', 'refund-issued.yaml'), definition('string'));
      await changed;
      expect((await core.plan.checker.check(event)).verdict).toBe('ok');
      // Back to the default folder (empty: no plan at all).
      expect((await core.workspaceFolders.useDefault()).source).toBe('default');
      expect((await core.plan.checker.check(event)).verdict).toBe('ok');
      expect((await core.plan.overview.overview('default')).definitions).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('the choice is kept app-wide: a new core starts in it; --workspace (CoreOptions.workspaceDir) still wins for its run', async () => {
    const userData = temp();
    const chosen = workspaceWith('number');
    const first = open(userData, { chooseWorkspaceDir: async () => chosen, watchWorkspace: false });
    await first.core.workspaceFolders.choose();
    first.core.close();

    const again = open(userData, { watchWorkspace: false });
    expect(again.core.workspaceFolders.view()).toEqual({ dir: resolve(chosen), source: 'chosen' });
    expect((await again.core.plan.checker.check(event)).verdict).toBe('block');
    expect(again.core.notices).toEqual([]);
    again.core.close();

    const launch = temp();
    const cli = open(userData, { workspaceDir: launch, watchWorkspace: false });
    expect(cli.core.workspaceFolders.view()).toEqual({ dir: launch, source: 'launch' });
    expect(cli.core.plan.workspace.dir).toBe(resolve(launch));
    expect((await cli.core.plan.checker.check(event)).verdict).toBe('ok');
    cli.core.close();
  });

  it('a stored folder that is gone: the default folder is used and a notice says so', () => {
    const userData = temp();
    const chosen = workspaceWith('number');
    const first = open(userData, { chooseWorkspaceDir: async () => chosen, watchWorkspace: false });
    return first.core.workspaceFolders.choose().then(() => {
      first.core.close();
      rmSync(chosen, { recursive: true, force: true });
      const again = open(userData, { watchWorkspace: false });
      try {
        expect(again.core.workspaceFolders.view()).toEqual({ dir: join(userData, 'workspace'), source: 'default' });
        expect(again.core.notices).toContainEqual(expect.objectContaining({ code: 'workspace_missing', reason: 'missing', params: { dir: resolve(chosen), fallback: join(userData, 'workspace') } }));
      } finally {
        again.core.close();
      }
    });
  });

  it('refuses a folder that is not one, is gone, or is the app\'s own data; a cancelled dialog changes nothing', async () => {
    const userData = temp();
    const file = join(temp(), 'plan.yaml');
    writeFileSync(file, 'onlyPlannedEvents: true\n');
    let answer: string | null = null;
    const { core } = open(userData, { chooseWorkspaceDir: async () => answer, watchWorkspace: false });
    try {
      expect(await core.workspaceFolders.choose()).toBeNull();
      for (const [path, reason] of [
        [file, 'not_folder'],
        [join(userData, 'nowhere'), 'missing'],
        [userData, 'app_data'],
        ['relative/folder', 'missing'],
      ] as const) {
        answer = path;
        await expect(core.workspaceFolders.choose()).rejects.toMatchObject({ code: 'workspace_refused', reason });
      }
      expect(core.workspaceFolders.view().source).toBe('default');
      // The default folder chosen in the dialog is the default, not a choice.
      mkdirSync(join(userData, 'workspace'), { recursive: true });
      answer = join(userData, 'workspace');
      expect(await core.workspaceFolders.choose()).toEqual({ dir: join(userData, 'workspace'), source: 'default' });
    } finally {
      core.close();
    }
  });

  it('main\'s folder dialog: folders only, a new one may be made there, in the window\'s language', () => {
    expect(workspaceDialog(mainWords('en'))).toEqual({ title: 'Open workspace folder', buttonLabel: 'Use this folder', properties: ['openDirectory', 'createDirectory'] });
    expect(workspaceDialog(mainWords('pl')).title).toBe('Otwórz folder obszaru roboczego');
  });
});
