import { describe, expect, it } from 'vitest';
import { installKind } from '../../../src/main/updates/install-kind.ts';
import { releasesUrl } from '../../../src/main/updates/release-page.ts';
import { updateMode } from '../../../src/main/updates/update-policy.ts';

describe('which installs update themselves', () => {
  it.each([
    ['appimage', 'self-update'],
    ['nsis', 'self-update'],
    ['dmg', 'self-update'],
    ['deb', 'notify'],
    ['rpm', 'notify'],
    ['linux-other', 'notify'],
    ['unpackaged', 'unavailable'],
  ] as const)('%s: %s when checks are on, off when switched off', (kind, mode) => {
    expect(updateMode(kind, true)).toBe(mode);
    expect(updateMode(kind, false)).toBe(kind === 'unpackaged' ? 'unavailable' : 'off');
  });

  it('tells the installer apart as electron-updater does: APPIMAGE, then resources/package-type', () => {
    const facts = { platform: 'linux' as const, packaged: true, env: {}, resourcesPath: '/opt/Event Desk/resources' };
    const files = (map: Record<string, string>) => (path: string) => {
      if (path in map) return map[path]!;
      throw new Error('ENOENT');
    };
    expect(installKind({ ...facts, env: { APPIMAGE: '/home/a/Event-Desk.AppImage' } }, files({}))).toBe('appimage');
    expect(installKind(facts, files({ '/opt/Event Desk/resources/package-type': 'deb\n' }))).toBe('deb');
    expect(installKind(facts, files({ '/opt/Event Desk/resources/package-type': 'rpm' }))).toBe('rpm');
    expect(installKind(facts, files({ '/opt/Event Desk/resources/package-type': 'pacman' }))).toBe('linux-other');
    expect(installKind(facts, files({}))).toBe('linux-other');
    expect(installKind({ ...facts, platform: 'win32' }, files({}))).toBe('nsis');
    expect(installKind({ ...facts, platform: 'darwin' }, files({}))).toBe('dmg');
    expect(installKind({ ...facts, packaged: false, env: { APPIMAGE: 'x' } }, files({}))).toBe('unpackaged');
  });

  it('links a .deb user to the release page of the feed electron-builder wrote, and to nothing crafted', () => {
    expect(releasesUrl('provider: github\nowner: event-desk\nrepo: event-desk\nupdaterCacheDirName: event-desk-updater\n')).toBe('https://github.com/event-desk/event-desk/releases/latest');
    expect(releasesUrl('provider: github\nowner: evil.com/x?\nrepo: a\n')).toBeNull();
    expect(releasesUrl('provider: generic\nurl: http://example.test/\n')).toBeNull();
    expect(releasesUrl('a: &x [1]\nb: *x\n')).toBeNull();
    expect(releasesUrl(': : :')).toBeNull();
    expect(releasesUrl('')).toBeNull();
  });
});
