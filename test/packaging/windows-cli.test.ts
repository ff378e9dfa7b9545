import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Issue 19: the NSIS installer puts `event-desk` on the PATH. makensis and Windows are not on this
// machine, so what is checked here is that the pieces agree with each other and with the config;
// the release workflow installs the built installer on Windows and runs `event-desk --help`.
const repository = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(repository, path), 'utf8');
const config = parse(read('electron-builder.yml')) as {
  productName: string;
  files: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  nsis: { include?: string };
  publish: { provider: string };
};

describe('event-desk on the PATH of a Windows install', () => {
  it('the launcher runs the app executable in Node mode on the bin the package carries', () => {
    const launcher = read('build/cli/event-desk.cmd');
    expect(launcher).toContain('set ELECTRON_RUN_AS_NODE=1');
    // resources\cli\event-desk.cmd → <install dir>\<productName>.exe and resources\app.asar.
    expect(launcher).toContain(`"%~dp0..\\..\\${config.productName}.exe"`);
    const bin = /"%~dp0\.\.\\app\.asar\\([^"]+)"/.exec(launcher)?.[1]?.replaceAll('\\', '/');
    expect(config.files).toContain(bin);
    expect(launcher).toMatch(/%\*\r?\n/);
    const cli = config.extraResources.find((resource) => resource.to === 'cli');
    expect(cli?.filter).toEqual(expect.arrayContaining(['event-desk', 'event-desk.cmd']));
  });

  it('the installer script adds that folder to the PATH once and takes it off on uninstall', () => {
    expect(config.nsis.include).toBe('build/installer.nsh');
    const script = read(config.nsis.include!);
    expect(script).toMatch(/!macro customInstall[\s\S]*StrCpy \$R8 "\$INSTDIR\\resources\\cli"[\s\S]*\$\{StrContains\}[\s\S]*WriteRegExpandStr HKCU "Environment" "Path"[\s\S]*!macroend/);
    expect(script).toMatch(/!macro customUnInstall[\s\S]*Call un\.eventDeskRemoveFromPath[\s\S]*!macroend/);
    // Per-user installs write the user's PATH, all-users installs the machine's.
    expect(script).toContain('${if} $installMode == "all"');
    expect(script).toContain('SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE}');
  });

  it('the update feed is GitHub releases, named by the release workflow', () => {
    expect(config.publish.provider).toBe('github');
    expect(read('.github/workflows/release.yml')).toMatch(/-c\.publish\.owner="\$\{GITHUB_REPOSITORY%%\/\*\}" -c\.publish\.repo="\$\{GITHUB_REPOSITORY#\*\/\}"/);
  });
});
