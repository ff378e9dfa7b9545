import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Which code bin/event-desk.js runs. An installed package runs its bundle whatever the file times
// (installing unpacks src/ in any order, and Node refuses TypeScript under node_modules); only a
// repository checkout (a .git next to package.json) falls back to the sources when they are newer.
const temp = tempFoldersFor('event-desk-bin-');
const repository = join(import.meta.dirname, '..', '..');
const BUNDLE_STUB = "export async function main() { process.stdout.write('bundle\\n'); return 0; }\n";
const SOURCES_STUB = "export async function main(argv: string[]): Promise<number> { process.stdout.write(`sources ${argv.length}\\n`); return 0; }\n";

interface Tree {
  /** `.git` as a folder (a clone), a file (a git worktree), or none (a package). */
  git: 'folder' | 'file' | null;
  bundle: string | null;
  /** Which is newer by file time. */
  newer: 'sources' | 'bundle';
  /** Under a node_modules folder, as npm installs it. */
  installed: boolean;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A package folder with the real bin, a bundle and sources (stubs that say which ran), and the times asked for. */
function tree({ git, bundle, newer, installed }: Tree): string {
  const root = installed ? join(temp(), 'node_modules', 'event-desk') : join(temp(), 'event-desk');
  write(join(root, 'package.json'), readFileSync(join(repository, 'package.json'), 'utf8'));
  write(join(root, 'bin', 'event-desk.js'), readFileSync(CLI, 'utf8'));
  const sources = [join(root, 'src', 'cli', 'main.ts'), join(root, 'src', 'main', 'core.ts'), join(root, 'src', 'shared', 'event.ts')];
  for (const path of sources) write(path, SOURCES_STUB);
  const bundlePath = join(root, 'out', 'cli', 'event-desk.js');
  if (bundle !== null) write(bundlePath, bundle);
  if (git === 'folder') mkdirSync(join(root, '.git'));
  if (git === 'file') write(join(root, '.git'), 'gitdir: /elsewhere/.git/worktrees/event-desk\n');
  const old = new Date(Date.now() - 3_600_000);
  const now = new Date();
  for (const path of sources) utimesSync(path, newer === 'sources' ? now : old, newer === 'sources' ? now : old);
  if (bundle !== null) utimesSync(bundlePath, newer === 'bundle' ? now : old, newer === 'bundle' ? now : old);
  return root;
}

const run = (root: string, args: string[] = ['--version']) => spawnSync(process.execPath, [join(root, 'bin', 'event-desk.js'), ...args], { encoding: 'utf8' });

describe('bin/event-desk.js: bundle or sources', { timeout: 60_000 }, () => {
  it('an installed package runs its bundle even when its sources look newer', () => {
    const result = run(tree({ git: null, bundle: BUNDLE_STUB, newer: 'sources', installed: true }));
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ status: 0, stdout: 'bundle\n' });
  });

  it('a package outside node_modules without .git (an unpacked archive) runs its bundle too', () => {
    expect(run(tree({ git: null, bundle: BUNDLE_STUB, newer: 'sources', installed: false })).stdout).toBe('bundle\n');
  });

  it('a checkout runs the sources when one is newer than the bundle, and the bundle otherwise', () => {
    expect(run(tree({ git: 'folder', bundle: BUNDLE_STUB, newer: 'sources', installed: false })).stdout).toBe('sources 3\n');
    expect(run(tree({ git: 'folder', bundle: BUNDLE_STUB, newer: 'bundle', installed: false })).stdout).toBe('bundle\n');
    // A git worktree has a .git file, not a folder: still a checkout.
    expect(run(tree({ git: 'file', bundle: BUNDLE_STUB, newer: 'sources', installed: false })).stdout).toBe('sources 3\n');
    // Never built: the sources.
    expect(run(tree({ git: 'folder', bundle: null, newer: 'sources', installed: false })).stdout).toBe('sources 3\n');
  });

  it('an installed package without its bundle says so in one line (exit 1), not with a stack trace', () => {
    const result = run(tree({ git: null, bundle: null, newer: 'sources', installed: true }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('out/cli/event-desk.js) is missing');
    expect(result.stderr).toContain('npm run build:cli');
  });

  const built = join(repository, 'out', 'cli', 'event-desk.js');
  it.skipIf(!existsSync(built))('the real bundle, installed under node_modules with newer sources beside it, runs (issue 19: it fell back to the sources and failed)', () => {
    const root = tree({ git: null, bundle: null, newer: 'sources', installed: true });
    mkdirSync(join(root, 'out', 'cli'), { recursive: true });
    copyFileSync(built, join(root, 'out', 'cli', 'event-desk.js'));
    utimesSync(join(root, 'out', 'cli', 'event-desk.js'), new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    // Its one runtime dependency (a native addon), where npm would have put it.
    symlinkSync(join(repository, 'node_modules', 'keytar'), join(root, '..', 'keytar'), 'dir');
    const result = run(root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')).version);
  });
});
