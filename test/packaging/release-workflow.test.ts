import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** The release workflow cannot run here (no Electron download): this keeps it from drifting away from the repo. */
describe('.github/workflows/release.yml', () => {
  const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as { on: { push: { tags: string[] } }; jobs: Record<string, { needs?: string; steps: { run?: string }[] }> };
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')).join('\n');
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('runs on version tags, and builds installers only after the Electron-mode tests passed', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.jobs.installers?.needs).toBe('electron-e2e');
    expect(runs).toContain('node node_modules/electron/install.js');
    expect(runs).toContain('xvfb-run -a npm test');
  });

  it('names only scripts and files that exist', () => {
    for (const [, name] of runs.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `npm run ${name}`).toHaveProperty(name!);
    for (const [, file] of runs.matchAll(/bash (scripts\/[\w/.-]+)/g)) expect(existsSync(file!), file).toBe(true);
    expect(existsSync('electron-builder.yml')).toBe(true);
  });
});
