import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli-process.ts';

// bin/event-desk.js on a Node older than 24: one line saying what to install, exit 1, before
// anything that needs Node 24 is loaded. Run with whatever older Node this machine has.
function olderNode(): { path: string; version: string } | null {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node', '/bin/node', '/usr/bin/nodejs']);
  try {
    for (const path of execFileSync('which', ['-a', 'node', 'nodejs'], { encoding: 'utf8' }).split('\n')) if (path) candidates.add(path);
  } catch {
    // `which` exits 1 when one of the names is missing; what it printed is read above when it can be.
  }
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    if (version && Number(version.split('.')[0]) < 24) return { path, version };
  }
  return null;
}

const older = olderNode();
if (!older) console.log('node-version.test.ts: skipped: no Node older than 24 on this machine (looked in /usr/bin, /usr/local/bin, /bin and PATH).');

describe('the Node version check', { timeout: 60_000 }, () => {
  it.skipIf(!older)(`Node ${older?.version ?? '<24'} prints one line naming Node.js 24 and where to get it, and exits 1`, () => {
    for (const args of [['--help'], ['send', '--name', 'x', '--customer', '1001'], []]) {
      const result = spawnSync(older!.path, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toEqual([`Event Desk needs Node.js 24 or newer, and this is Node.js ${older!.version}: install Node.js 24 (LTS) from https://nodejs.org/en/download, then run event-desk again.`]);
    }
  });

  it('Node 24 runs the command', () => {
    const result = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
