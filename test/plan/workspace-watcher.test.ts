import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-watch-');

function open(workspaceDir: string): { core: Core; changes: () => Promise<void> } {
  let waiting: (() => void)[] = [];
  const core = createCore({
    userDataDir: temp(),
    secretStore: fixedKeyStore('watch-test-key-0123456789'),
    workspaceDir,
    watchWorkspace: true,
    emit: (push) => {
      if (push !== 'plan:changed') return;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  });
  return { core, changes: () => new Promise<void>((resolve) => waiting.push(resolve)) };
}

const definition = (type: string) => ['name: Refund issued', 'status: active', 'enforcement: block', 'schema:', '  type: object', '  properties:', '    amount:', `      type: ${type}`, ''].join('\n');

describe('the workspace watcher (issue 20: edits made elsewhere reach the app)', () => {
  it('an external edit, a new file and an atomic save (temp file renamed) are each picked up and announced', async () => {
    const workspace = temp();
    const { core, changes } = open(workspace);
    try {
      await core.workspaceWatcher!.ready;
      const event = { name: 'Refund issued', data: { amount: '20' } };
      expect((await core.plan.checker.check(event)).verdict).toBe('ok');
      // `definitions/` does not exist yet: made by another program (git checkout) after the app started.
      // A git checkout's own folders are not watched (only definitions/ and saved/ are read).
      mkdirSync(join(workspace, '.git', 'objects', 'ab'), { recursive: true });
      let changed = changes();
      mkdirSync(join(workspace, 'definitions'));
      writeFileSync(join(workspace, 'definitions', 'refund-issued.yaml'), definition('number'));
      await changed;
      expect(await core.plan.checker.check(event)).toMatchObject({ verdict: 'block', violations: [{ path: 'data.amount', message: 'expected number' }] });
      // An editor's atomic save.
      changed = changes();
      writeFileSync(join(workspace, 'definitions', '.refund-issued.yaml.tmp'), definition('string'));
      renameSync(join(workspace, 'definitions', '.refund-issued.yaml.tmp'), join(workspace, 'definitions', 'refund-issued.yaml'));
      await changed;
      expect((await core.plan.checker.check(event)).verdict).toBe('ok');
      // A file that does not parse is listed, never dropped silently.
      changed = changes();
      writeFileSync(join(workspace, 'definitions', 'refund-issued.yaml'), 'name: [unclosed\n');
      await changed;
      expect((await core.plan.checker.plan()).problems).toEqual([expect.objectContaining({ file: 'definitions/refund-issued.yaml', line: expect.any(Number) })]);
      expect(core.workspaceWatcher!.watched().some((folder) => folder.includes('.git'))).toBe(false);
    } finally {
      core.close();
    }
  });

  it('the CLI (no watcher) reads the plan as it is when asked', () => {
    const core = createCore({ userDataDir: temp(), secretStore: fixedKeyStore('watch-test-key-0123456789'), workspaceDir: temp() });
    expect(core.workspaceWatcher).toBeNull();
    core.close();
  });
});
