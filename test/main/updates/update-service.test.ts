import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.ts';
import type { InstallKind } from '../../../src/main/updates/install-kind.ts';
import type { Updater } from '../../../src/main/updates/update-service.ts';
import type { UpdateStatus } from '../../../src/shared/updates.ts';
import { tempFoldersFor } from '../../support/temp-folder.ts';
import { fixedKeyStore } from '../../../tools/secret-stores.ts';

const temp = tempFoldersFor('event-desk-updates-');

/** electron-updater's shape, recording what the app asked of it; `latest` is what the feed offers. */
class FakeUpdater implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  calls: string[] = [];
  latest: string | null = '1.1.0';
  failWith: Error | null = null;
  onInstall: () => void = () => {};
  async checkForUpdates() {
    this.calls.push('check');
    if (this.failWith) throw this.failWith;
    return { isUpdateAvailable: this.latest !== null, updateInfo: { version: this.latest ?? '1.0.0' } };
  }
  async downloadUpdate() {
    this.calls.push('download');
    return ['/tmp/update'];
  }
  quitAndInstall() {
    this.calls.push('install');
    this.onInstall();
  }
}

function open(kind: InstallKind, updater: FakeUpdater, userDataDir = temp()): { core: Core; loads: () => number; pushed: UpdateStatus[] } {
  let loads = 0;
  const pushed: UpdateStatus[] = [];
  const core = createCore({
    userDataDir,
    secretStore: fixedKeyStore('update-test-key-0123456789'),
    emit: (push, payload) => {
      if (push === 'app:updates') pushed.push(payload as UpdateStatus);
    },
    updates: {
      kind,
      current: '1.0.0',
      releasesUrl: 'https://github.com/event-desk/event-desk/releases/latest',
      updater: async () => {
        loads += 1;
        return updater;
      },
    },
  });
  return { core, loads: () => loads, pushed };
}

describe('updates (a fake updater, a real database)', () => {
  it('an AppImage/NSIS/DMG finds, downloads, and installs only after jobs are paused and the database is closed', async () => {
    const updater = new FakeUpdater();
    const { core, pushed } = open('nsis', updater);
    let historyOpenAtInstall: boolean | null = null;
    updater.onInstall = () => {
      try {
        core.history.count(core.activeScope().profile, null as never);
        historyOpenAtInstall = true;
      } catch {
        historyOpenAtInstall = false;
      }
    };
    const found = await core.updates.check();
    expect(found).toMatchObject({ mode: 'self-update', state: 'ready', available: '1.1.0', current: '1.0.0', downloadUrl: null });
    expect(updater.calls).toEqual(['check', 'download']);
    // The policy starts the download itself; the updater never fetches on its own.
    expect(updater.autoDownload).toBe(false);
    expect(pushed.map((status) => status.state)).toEqual(['checking', 'downloading', 'ready']);
    await core.updates.install();
    expect(updater.calls).toEqual(['check', 'download', 'install']);
    expect(historyOpenAtInstall).toBe(false);
  });

  it('a .deb or .rpm only says a version exists and links to it: nothing is downloaded or installed', async () => {
    for (const kind of ['deb', 'rpm'] as const) {
      const updater = new FakeUpdater();
      const { core } = open(kind, updater);
      const status = await core.updates.check();
      expect(status).toMatchObject({ mode: 'notify', state: 'available', available: '1.1.0', downloadUrl: 'https://github.com/event-desk/event-desk/releases/latest' });
      expect(updater.autoInstallOnAppQuit).toBe(false);
      await core.updates.install();
      expect(updater.calls).toEqual(['check']);
      core.close();
    }
  });

  it('switched off, nothing is loaded or asked of the network, and the choice outlives a restart', async () => {
    const folder = temp();
    const updater = new FakeUpdater();
    const first = open('appimage', updater, folder);
    expect(first.core.updates.setChecksEnabled(false)).toMatchObject({ mode: 'off', checksEnabled: false });
    first.core.close();
    const second = open('appimage', updater, folder);
    expect(await second.core.updates.check()).toMatchObject({ mode: 'off', state: 'idle' });
    expect(second.loads()).toBe(0);
    expect(updater.calls).toEqual([]);
    expect(second.core.updates.setChecksEnabled(true).mode).toBe('self-update');
    second.core.close();
  });

  it('a development run or the test bridge never updates itself', async () => {
    const updater = new FakeUpdater();
    const { core, loads } = open('unpackaged', updater);
    expect(await core.updates.check()).toMatchObject({ mode: 'unavailable', state: 'idle' });
    expect(loads()).toBe(0);
    core.close();
  });

  it('up to date, and a failed check says so in words while the app goes on', async () => {
    const updater = new FakeUpdater();
    updater.latest = null;
    const { core } = open('dmg', updater);
    expect(await core.updates.check()).toMatchObject({ state: 'up-to-date', available: null });
    updater.failWith = new Error('net::ERR_NAME_NOT_RESOLVED');
    const failed = await core.updates.check();
    expect(failed.state).toBe('failed');
    expect(failed.problem).toBe('net::ERR_NAME_NOT_RESOLVED');
    // Nothing to install after a failure.
    await core.updates.install();
    expect(updater.calls).toEqual(['check', 'check']);
    core.close();
  });

  it('switched off during a download: nothing is installed on quit and nothing is offered', async () => {
    const updater = new FakeUpdater();
    const { core } = open('appimage', updater);
    let finishDownload: () => void = () => {};
    updater.downloadUpdate = () => {
      updater.calls.push('download');
      return new Promise((resolve) => (finishDownload = () => resolve(['/tmp/update'])));
    };
    const checking = core.updates.check();
    await expect.poll(() => updater.calls).toEqual(['check', 'download']);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    core.updates.setChecksEnabled(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    finishDownload();
    expect(await checking).toMatchObject({ mode: 'off', state: 'idle' });
    await core.updates.install();
    expect(updater.calls).toEqual(['check', 'download']);
    core.close();
  });

  it('two installs at once replace the app once', async () => {
    const updater = new FakeUpdater();
    const { core } = open('nsis', updater);
    await core.updates.check();
    await Promise.all([core.updates.install(), core.updates.install()]);
    expect(updater.calls.filter((call) => call === 'install')).toHaveLength(1);
  });

  it('two checks at once make one request', async () => {
    const updater = new FakeUpdater();
    const { core } = open('appimage', updater);
    await Promise.all([core.updates.check(), core.updates.check()]);
    expect(updater.calls).toEqual(['check', 'download']);
    core.close();
  });
});
