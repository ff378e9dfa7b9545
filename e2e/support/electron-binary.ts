import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable if it has been downloaded, else null. Never `require('electron')` here:
 * that starts a download, which fails on machines without internet access.
 */
export function electronBinary(root = process.cwd()): string | null {
  const folder = join(root, 'node_modules', 'electron');
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const E2E_MODE = electronBinary() ? 'electron' : 'chromium-bridge';
