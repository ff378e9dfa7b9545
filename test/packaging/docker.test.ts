import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { CLI } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// Issue 19, item 6: the container for long jobs. What runs inside it (docker/backfill.sh, the
// image's event-desk-backfill, over the real CLI) is tested here as a subprocess: SIGTERM pauses
// cleanly, and a restart resumes the same job with nothing sent twice. The image itself is built
// only where a Docker daemon answers.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });
const temp = tempFoldersFor('event-desk-docker-');
const repository = join(import.meta.dirname, '..', '..');
const BACKFILL = join(repository, 'docker', 'backfill.sh');

const dockerWorks = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
if (!dockerWorks) console.log('docker.test.ts: the image build is skipped: no Docker daemon answers here (`docker info` failed). The backfill entrypoint is still tested as a subprocess.');

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 100_000 });
});
afterAll(() => mock.close());

/** A PATH where `event-desk` is this repository's bin and `node` is Node 24, as in the image. */
function pathWithCli(): string {
  const bin = join(temp(), 'bin');
  mkdirSync(bin);
  symlinkSync(CLI, join(bin, 'event-desk'));
  return [bin, dirname(process.execPath), process.env.PATH ?? ''].join(':');
}

describe('the image\'s Dockerfile', () => {
  const dockerfile = readFileSync(join(repository, 'Dockerfile'), 'utf8');

  it('is Node 24 slim, runs as the unprivileged node user, keeps user data in a volume, installs the CLI package only', () => {
    expect(dockerfile).toMatch(/^FROM node:24-slim$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    expect(dockerfile).toMatch(/EVENT_DESK_USER_DATA=\/data/);
    expect(dockerfile).toMatch(/npm install --global --omit=optional .*event-desk-\*\.tgz/);
    const instructions = dockerfile.split('\n').filter((line) => !line.startsWith('#')).join('\n');
    expect(instructions).not.toMatch(/electron/i);
    expect(dockerfile).toContain('HELPCRUNCH_API_KEY_FILE');
  });

  it.skipIf(!dockerWorks)('builds, and the image runs `event-desk --help` as a non-root user', () => {
    const context = temp();
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
    mkdirSync(join(context, 'dist', 'cli'), { recursive: true });
    mkdirSync(join(context, 'docker'));
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', join(context, 'dist', 'cli')], { cwd: repository, env, stdio: 'ignore' });
    for (const file of ['Dockerfile', '.dockerignore', 'docker/backfill.sh']) copyFileSync(join(repository, file), join(context, file));
    const tag = `event-desk-test:${Date.now()}`;
    execFileSync('docker', ['build', '-q', '-t', tag, context], { stdio: 'ignore', timeout: 170_000 });
    try {
      const help = spawnSync('docker', ['run', '--rm', tag, '--help'], { encoding: 'utf8' });
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Usage: event-desk');
      expect(spawnSync('docker', ['run', '--rm', '--entrypoint', 'id', tag, '-u'], { encoding: 'utf8' }).stdout.trim()).not.toBe('0');
    } finally {
      spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
    }
  });
});

describe('event-desk-backfill (docker/backfill.sh): SIGTERM pauses, a restart resumes without duplicates', () => {
  it('pauses on SIGTERM with nothing in flight left unknown, and the next start resumes the same job to the end', async () => {
    mock.reset();
    const userData = temp();
    const file = join(temp(), 'backfill.ndjson');
    const count = 12;
    writeFileSync(file, Array.from({ length: count }, (_, index) => JSON.stringify({ name: 'Backfill', customer: 1001, data: { n: index } })).join('\n'));
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^DBUS_|^HELPCRUNCH_|^EVENT_DESK_/.test(name)) env[name] = value;
    // A container: no D-Bus, the key from the environment, the user data in "the volume".
    Object.assign(env, { PATH: pathWithCli(), NO_COLOR: '1', EVENT_DESK_USER_DATA: userData, HELPCRUNCH_API_KEY: mock.apiKey, HELPCRUNCH_API_URL: mock.url });
    const events = () => mock.received.filter((request) => request.path === '/v1/events');

    // First start: 120 a minute, so the job is surely still running when the signal comes.
    const first = spawn('sh', [BACKFILL, file, '--rate', '120'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstErr = '';
    first.stderr.on('data', (chunk: Buffer) => (firstErr += chunk.toString()));
    const firstExit = new Promise<number | null>((resolve) => first.on('close', (code) => resolve(code)));
    // Wait for the state "sending" (two events in), not for a time.
    await vi.waitFor(() => expect(events().length).toBeGreaterThanOrEqual(2), { timeout: 60_000, interval: 100 });
    // sh exec'd event-desk, which exec'd node: the signal goes to the CLI itself, as `docker stop` sends it.
    first.kill('SIGTERM');
    const code = await firstExit;
    expect(firstErr).toContain('Pausing (SIGTERM)');
    expect(firstErr).toMatch(/Job 1 is paused/);
    expect(code).toBe(1);
    const sentBefore = events().length;
    expect(sentBefore).toBeLessThan(count);

    // jobs list reads the database only (no request to the mock), so a synchronous run is fine.
    const list = (): Array<{ id: number; state: string; counts: Record<string, number> }> =>
      JSON.parse(execFileSync(process.execPath, [CLI, 'jobs', 'list', '--json'], { env, encoding: 'utf8' }));
    expect(list()).toEqual([expect.objectContaining({ id: 1, state: 'paused' })]);
    expect(list()[0]!.counts.unknown ?? 0).toBe(0);
    expect(list()[0]!.counts.sent).toBe(sentBefore);

    // The restart: the same command resumes job 1 (no second plan), faster this time.
    // Asynchronously: the mock answers from this process, which a spawnSync would block.
    const second = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('sh', [BACKFILL, file, '--rate', '6000'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(second.stderr).toContain('Resuming job 1');
    expect(second.stderr).toMatch(/Job 1 finished/);
    expect(second.status).toBe(0);
    expect(list()).toEqual([expect.objectContaining({ id: 1, state: 'finished' })]);
    // Every line exactly once at the mock.
    const numbers = events().map((request) => (request.body as { data: { n: number } }).data.n).toSorted((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: count }, (_, index) => index));
  });
});
