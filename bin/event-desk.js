#!/usr/bin/env node
// The `event-desk` command (package.json "bin").
//
// First, before anything that needs Node 24 is loaded: an older Node gets one line saying what to
// install, not a stack trace from deep inside a module it cannot run. This file is written so an
// old Node can parse it (no top-level await, no newer syntax); only node:fs, node:path and node:url,
// which every Node with ES modules has, are imported ahead of the check.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const NEEDED = 24;
const major = Number(process.versions.node.split('.')[0]);
const supported = major >= NEEDED;
if (!supported) {
  process.stderr.write(`Event Desk needs Node.js ${NEEDED} or newer, and this is Node.js ${process.versions.node}: install Node.js ${NEEDED} (LTS) from https://nodejs.org/en/download, then run event-desk again.\n`);
  // 1, "did not succeed": nothing about how the command was typed was wrong (that would be 2).
  process.exitCode = 1;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'event-desk.js');
const sources = join(root, 'src', 'cli', 'main.ts');

/**
 * A repository checkout, where the bundle may be older than sources someone just edited: a `.git`
 * entry next to package.json (a folder, or a file in a git worktree), or the sources beside their
 * tsconfig.json (a downloaded source archive). A package has neither: npm never puts `.git` in a
 * package, and "files" in package.json ships only bin/ and out/cli/ (no src/, no tsconfig.json).
 * Anything under node_modules is a package whatever it holds. File times are no signal in a
 * package: installing unpacks the files in any order with any times, and Node refuses to run
 * TypeScript from node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING).
 */
const installed = root.split(/[\\/]/).includes('node_modules');
const checkout = !installed && (existsSync(join(root, '.git')) || (existsSync(join(root, 'tsconfig.json')) && existsSync(sources)));

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** In a checkout: the bundle (one file loads fast) unless a source it is built from is newer. */
function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    // Only the folders the CLI is built from (not the renderer's).
    return ['src/cli', 'src/main', 'src/shared'].every((folder) => newestSource(join(root, folder)) <= built);
  } catch {
    return false;
  }
}

/** What to run: a package runs its bundle, full stop; a checkout the bundle when fresh, else the sources. */
function entryFile() {
  if (checkout) return bundleIsFresh() ? bundle : sources;
  // A package runs its bundle, full stop; a missing one is reported below, never replaced by sources.
  return bundle;
}

function run() {
  const chosen = entryFile();
  import(pathToFileURL(chosen).href).then(
    async ({ main }) => {
      process.exitCode = await main(process.argv);
    },
    (error) => {
      if (!existsSync(bundle) && (chosen === bundle || chosen === sources)) {
        process.stderr.write(`Event Desk's command-line bundle (out/cli/event-desk.js) is missing and its sources cannot run here (${error.code ?? error.message}): build it with "npm run build:cli", or reinstall the package.\n`);
        process.exitCode = 1;
        return;
      }
      throw error;
    },
  );
}

// Last, so everything above is defined; nothing of the CLI itself was loaded before the check.
if (supported) run();
