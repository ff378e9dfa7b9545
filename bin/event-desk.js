#!/usr/bin/env node
// The `event-desk` command (package.json "bin"). It runs the bundled CLI (out/cli/event-desk.js,
// built by `npm run build:cli`, which `npm ci` runs) when that is newer than every source file,
// so a cold start loads one file; otherwise Node 24 runs the TypeScript sources directly.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'out', 'cli', 'event-desk.js');

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    // Only the folders the CLI is built from (not the renderer's).
    return ['src/cli', 'src/main', 'src/shared'].every((folder) => newestSource(join(root, folder)) <= built);
  } catch {
    return false;
  }
}

const { main } = await import(bundleIsFresh() ? bundle : '../src/cli/main.ts');
process.exitCode = await main(process.argv);
