import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 19, item 4: the CLI as a package of its own. `npm pack` of this repository, installed into
// an empty folder as a user would (from npm's cache when it has the dependencies, else the
// registry), runs `event-desk --help` from its bundle: no Electron, no dev dependencies, no
// TypeScript sources. Packing skips the "prepare" script (it would rebuild out/cli under other
// tests' feet), so this needs a built bundle: `npm run build:cli` first.
const repository = join(import.meta.dirname, '..', '..');
const bundle = join(repository, 'out', 'cli', 'event-desk.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync(bundle)) console.log('package.test.ts: skipped: out/cli/event-desk.js is not built (npm run build:cli).');

/** A Node older than 24 on this machine, for the one-line version message. */
function olderNode(): string | null {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node', '/bin/node', '/usr/bin/nodejs']) {
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    if (version && Number(version.split('.')[0]) < 24) return path;
  }
  return null;
}

let packed: { filename: string; files: string[] };
let installedBin: string;
let app: string;

describe.skipIf(!existsSync(bundle))('the CLI package (npm pack, installed into an empty folder)', { timeout: 240_000 }, () => {
  // One install shared by the tests below (removed after all of them, not after each).
  let folder: string;
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'event-desk-package-'));
    // Node 24's npm, whatever `npm` the PATH has first; none of the settings an `npx vitest` around
    // this passes down (npm_config_local_prefix would install into the repository, not the empty folder).
    const env: Record<string, string | undefined> = { PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false' };
    const fromParent = /^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(local_prefix|prefix|global_prefix|call|user_agent)$)/i;
    for (const [name, value] of Object.entries(process.env)) if (!fromParent.test(name) && name !== 'PATH') env[name] = value;
    const json = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: repository, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    const [result] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = { filename: join(folder, result!.filename), files: result!.files.map((file) => file.path) };
    app = join(folder, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-folder', private: true }));
    execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', packed.filename], { cwd: app, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 200_000 });
    installedBin = join(app, 'node_modules', '.bin', 'event-desk');
  }, 240_000);

  it('holds the bin and the bundle, and no sources, tests or build config', () => {
    expect(packed.files).toContain('bin/event-desk.js');
    expect(packed.files).toContain('out/cli/event-desk.js');
    expect(packed.files).toContain('package.json');
    expect(packed.files.filter((path) => /^(src|test|e2e|bench|tools|scripts)\/|^tsconfig/.test(path))).toEqual([]);
  });

  it('installs without Electron, the renderer\'s libraries or any dev dependency', () => {
    const modules = join(app, 'node_modules');
    for (const name of ['electron', 'electron-vite', 'vite', 'vitest', 'typescript', 'react', 'monaco-editor', 'commander']) {
      expect(existsSync(join(modules, name)), name).toBe(false);
    }
    expect(existsSync(join(modules, 'event-desk', 'src'))).toBe(false);
    // keytar is optional: where it cannot be built, the CLI still runs (with HELPCRUNCH_API_KEY).
    const manifest = JSON.parse(readFileSync(join(modules, 'event-desk', 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string>; dependencies?: Record<string, string> };
    expect(Object.keys(manifest.optionalDependencies ?? {})).toEqual(['keytar']);
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('electron');
  });

  it('runs `event-desk --help` from its bundle on Node 24 (exit 0, the usage text)', () => {
    const result = spawnSync(process.execPath, [installedBin, '--help'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: event-desk [options] [command]');
    expect(result.stdout).toContain('Exit codes:');
  });

  const older = olderNode();
  it.skipIf(!older)(`on an older Node (${older ?? 'none here'}) prints the one-line Node 24 message and exits 1`, () => {
    const result = spawnSync(older!, [installedBin, '--help'], { cwd: app, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Event Desk needs Node\.js 24 or newer, and this is Node\.js \d+\.\d+\.\d+: install Node\.js 24 \(LTS\) from https:\/\/nodejs\.org\/en\/download, then run event-desk again\.$/);
  });
});

// bin/event-desk.js's other signal for a checkout (besides .git): the sources beside tsconfig.json,
// as in a downloaded source archive. A package never has them, and nothing under node_modules is a
// checkout whatever it holds.
describe('bin/event-desk.js: a source archive is a checkout, a package is not', { timeout: 60_000 }, () => {
  const BUNDLE = "export async function main() { process.stdout.write('bundle\\n'); return 0; }\n";
  const SOURCES = "export async function main(): Promise<number> { process.stdout.write('sources\\n'); return 0; }\n";
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'event-desk-archive-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function tree(root: string): string {
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put('package.json', readFileSync(join(repository, 'package.json'), 'utf8'));
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync(join(repository, 'bin', 'event-desk.js'), join(root, 'bin', 'event-desk.js'));
    put('tsconfig.json', '{}');
    for (const path of ['src/cli/main.ts', 'src/main/core.ts', 'src/shared/event.ts']) put(path, SOURCES);
    put('out/cli/event-desk.js', BUNDLE);
    // The sources newer than the bundle: only a checkout takes that to mean "rebuild or run the sources".
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(root, 'out', 'cli', 'event-desk.js'), old, old);
    return root;
  }
  const run = (root: string) => spawnSync(process.execPath, [join(root, 'bin', 'event-desk.js'), '--version'], { encoding: 'utf8' }).stdout;

  it('without .git, with src/ beside tsconfig.json: a checkout, so newer sources run', () => {
    expect(run(tree(join(folder, 'archive', 'event-desk')))).toBe('sources\n');
  });

  it('the same tree under node_modules: a package, so its bundle runs', () => {
    expect(run(tree(join(folder, 'app', 'node_modules', 'event-desk')))).toBe('bundle\n');
  });
});
