import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 19, item 1, as far as a machine without an Electron binary can check it: electron-builder's
// own configuration validation accepts electron-builder.yml, and electron-builder's own file
// matchers (the code that decides what goes into app.asar and what is unpacked from it) pick
// exactly what the packaged app needs out of a real `npm run build` output. The installers
// themselves are built and started by the release workflow.
const repository = join(import.meta.dirname, '..', '..');
const require = createRequire(join(repository, 'package.json'));

type Filter = (file: string, stat: Stats) => boolean;
interface Matcher {
  from: string;
  patterns: string[];
  createFilter(): Filter;
}
interface BuilderConfig {
  files?: unknown;
  asarUnpack?: unknown;
  extraResources?: Array<{ from: string; to: string; filter: string[] }>;
  fileAssociations?: Array<{ ext: string; description?: string }>;
  linux?: { target?: Array<{ target: string; arch: string[] }>; executableName?: string; icon?: string };
  mac?: { target?: Array<{ target: string; arch: string[] }>; hardenedRuntime?: boolean; notarize?: boolean; icon?: string; entitlements?: string };
  win?: { target?: Array<{ target: string; arch: string[] }>; icon?: string };
  nsis?: { perMachine?: boolean; oneClick?: boolean };
  deb?: { afterInstall?: string; afterRemove?: string };
  rpm?: { afterInstall?: string; afterRemove?: string };
  directories?: { buildResources?: string; output?: string };
}
// electron-builder's internals, by the paths its own packager uses (app-builder-lib has no "exports" map).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { getMainFileMatchers, getFileMatchers } = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(appDir: string, destination: string, macroExpander: (pattern: string) => string, platformOptions: unknown, packager: unknown, outDir: string, isElectronCompile: boolean): Matcher[];
  getFileMatchers(config: BuilderConfig, name: 'asarUnpack', destination: string, options: { macroExpander: (pattern: string) => string; customBuildOptions: unknown; globalOutDir: string; defaultSrc: string }): Matcher[] | null;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** What the packaged app must hold (paths inside app.asar), besides every file of the renderer's build. */
const REQUIRED = ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/event-desk.js', 'bin/event-desk.js'];
/** What must never be packed: sources, tests, tooling, the build resources, earlier installers. */
const FORBIDDEN = /^(src|test|e2e|bench|tools|scripts|docs|build|dist|screenshots|test-results|\.git)(\/|$)|^(tsconfig.*|vite.*|electron-builder\.yml|playwright\.config\.ts)$/;
/** keytar's native module, where `npm ci` builds it; it must be unpacked from the asar to load. */
const KEYTAR_NODE = 'node_modules/keytar/build/Release/keytar.node';

const built = REQUIRED.every((path) => existsSync(join(repository, path)));
if (!built) console.log('builder-config.test.ts: the file checks are skipped: out/ is not fully built (npm run build).');

const load = () => getConfig(repository, 'electron-builder.yml', null);
const identity = (pattern: string) => pattern;

/** The files electron-builder's app matcher takes from the project folder (node_modules apart: it adds production dependencies itself). */
function packedFiles(config: BuilderConfig): string[] {
  const packager = { info: { projectDir: repository, buildResourcesDir: config.directories?.buildResources ?? 'build', isPrepackedAppAsar: false, config, debugLogger: { isEnabled: false } } };
  const [matcher] = getMainFileMatchers(repository, '/app', identity, config.linux ?? {}, packager, join(repository, config.directories?.output ?? 'dist'), false);
  const filter = matcher!.createFilter();
  const files: string[] = [];
  // As electron-builder's copyDir walks: a folder the filter refuses is not entered.
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stat = statSync(path);
      if (!filter(path, stat)) continue;
      if (stat.isDirectory()) walk(path);
      else files.push(relative(repository, path).split(sep).join('/'));
    }
  };
  walk(repository);
  return files;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own configuration validation (and that validation does refuse a wrong option)', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, noSuchOption: true } as never }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it('asks for the installers of issue 19: AppImage, deb, rpm (x64, arm64), a hardened and notarised dmg, a per-user NSIS', async () => {
    const config = await load();
    const targets = (list: Array<{ target: string; arch: string[] }> | undefined) => Object.fromEntries((list ?? []).map((item) => [item.target, item.arch]));
    expect(targets(config.linux?.target)).toEqual({ AppImage: ['x64', 'arm64'], deb: ['x64', 'arm64'], rpm: ['x64', 'arm64'] });
    expect(targets(config.mac?.target)).toEqual({ dmg: ['x64', 'arm64'] });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(targets(config.win?.target)).toEqual({ nsis: ['x64', 'arm64'] });
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'ndjson', description: expect.stringContaining('Replay…') })]);
  });

  it('names files that exist: icons, entitlements, install scripts, the CLI launcher', async () => {
    const config = await load();
    for (const path of [config.linux?.icon, config.mac?.icon, config.win?.icon, config.mac?.entitlements, config.deb?.afterInstall, config.deb?.afterRemove, config.rpm?.afterInstall, config.rpm?.afterRemove]) {
      expect(path, 'a path in electron-builder.yml').toBeTruthy();
      expect(existsSync(join(repository, path!)), path).toBe(true);
    }
    expect(readdirSync(join(repository, 'build', 'icons'))).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '256x256.png', '512x512.png', '1024x1024.png']));
    const launcher = config.extraResources?.find((resource) => resource.to === 'cli');
    expect(launcher).toBeDefined();
    const script = join(repository, launcher!.from, 'event-desk');
    expect(statSync(script).mode & 0o111).not.toBe(0);
    // The launcher runs the app's executable in Node mode on the bin packed into the asar.
    expect(readFileSync(script, 'utf8')).toContain(`ELECTRON_RUN_AS_NODE=1 exec "$install_dir/${config.linux?.executableName}" "$install_dir/resources/app.asar/bin/event-desk.js"`);
    expect(readFileSync(join(repository, config.deb!.afterInstall!), 'utf8')).toContain("ln -sf '/opt/${sanitizedProductName}/resources/cli/event-desk' '/usr/bin/event-desk'");
  });

  it('packs keytar as a production dependency, and not Electron', () => {
    const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const production = { ...manifest.dependencies, ...manifest.optionalDependencies };
    expect(Object.keys(production)).toContain('keytar');
    // electron-builder refuses electron in dependencies (and it would be packed twice).
    expect(Object.keys(production)).not.toContain('electron');
    expect(Object.keys(manifest.devDependencies ?? {})).toEqual(expect.arrayContaining(['electron', 'electron-builder']));
  });

  it.skipIf(!built)('the app matcher takes main, preload, renderer, the CLI bundle and its bin from the build, and no sources', async () => {
    const files = packedFiles(await load());
    expect(files).toEqual(expect.arrayContaining(REQUIRED));
    const renderer = (folder: string): string[] => readdirSync(join(repository, folder), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? renderer(`${folder}/${entry.name}`) : [`${folder}/${entry.name}`]));
    expect(files).toEqual(expect.arrayContaining(renderer('out/renderer')));
    expect(files.filter((path) => FORBIDDEN.test(path))).toEqual([]);
    expect(files.filter((path) => path.startsWith('node_modules/'))).toEqual([]);
  });

  it.skipIf(!built)('every package the built main process imports is a production dependency (the packaged app has no others)', () => {
    const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const production = new Set(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
    const main = readFileSync(join(repository, 'out', 'main', 'index.js'), 'utf8');
    // Static imports and createRequire(...)("name") calls of bare package names; node: and electron come with the runtime.
    const names = [...main.matchAll(/(?:from\s*|import\(|createRequire\([^)]*\)\()\s*["']([^"'./][^"']*)["']/g)].map((match) => match[1]!).filter((name) => /^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]+)?$/.test(name));
    const packages = new Set(names.filter((name) => !name.startsWith('node:') && name !== 'electron').map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!)));
    // keytar is loaded lazily (createRequire), so a broken native module is a keychain problem, not a crash.
    expect(packages).toContain('keytar');
    expect([...packages].filter((name) => !production.has(name))).toEqual([]);
  });

  it.skipIf(!existsSync(join(repository, KEYTAR_NODE)))('asarUnpack takes keytar\'s native module out of the archive, and nothing of the app itself', async () => {
    const config = await load();
    const [matcher] = getFileMatchers(config, 'asarUnpack', '/app', { macroExpander: identity, customBuildOptions: config.linux ?? {}, globalOutDir: join(repository, 'dist'), defaultSrc: repository }) ?? [];
    expect(matcher).toBeDefined();
    const unpack = matcher!.createFilter();
    const file = (path: string) => [join(repository, path), statSync(join(repository, path))] as const;
    expect(unpack(...file(KEYTAR_NODE))).toBe(true);
    for (const path of REQUIRED.filter((item) => existsSync(join(repository, item)))) expect(unpack(...file(path)), path).toBe(false);
  });
});
