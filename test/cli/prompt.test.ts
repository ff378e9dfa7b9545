import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { CLI, runCli } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The "Send N events now? [y/N]" question on a real pseudo-terminal (util-linux `script`): Ctrl+C
// or "n" discards the plan; Ctrl+C exits 130 with one plain line.
const temp = tempFoldersFor('event-desk-prompt-');
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

/** Runs `event-desk` on a terminal, waits for `question`, then types `keys`. */
function answerOnTty(args: string[], env: Record<string, string>, question: string, keys: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, TERM: 'dumb', NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!typed && output.includes(question)) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('replay at the prompt', () => {
  const plan = () => {
    const userDataDir = temp();
    const file = join(userDataDir, 'events.ndjson');
    writeFileSync(file, [1, 2].map((n) => JSON.stringify({ name: 'Backfill', customer: 1001, data: { n } })).join('\n'));
    return { file, env: { EVENT_DESK_USER_DATA: userDataDir, HELPCRUNCH_API_URL: mock.url } };
  };
  const listed = async (env: Record<string, string>) => JSON.parse((await runCli(['jobs', 'list', '--json'], { env })).stdout) as unknown[];

  it('Ctrl+C: exit 130, one plain line, the plan is gone, nothing sent', async () => {
    const { file, env } = plan();
    const result = await answerOnTty(['replay', file], env, 'Send 2 events now? [y/N]', '\x03');
    expect(result.code).toBe(130);
    expect(result.output).toContain('Plan 1: ');
    expect(result.output).toContain('Not started (Ctrl+C): plan 1 was discarded and nothing was sent.');
    expect(result.output).not.toMatch(/unexpected problem|Error:|\n\s+at /);
    expect(result.output).not.toMatch(/Job 1/);
    expect(await listed(env)).toEqual([]);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
  }, 30_000);

  it('"n": the plan is discarded', async () => {
    const { file, env } = plan();
    const result = await answerOnTty(['replay', file], env, 'Send 2 events now? [y/N]', 'n\r');
    expect(result.output).toContain('Not started: plan 1 was discarded');
    expect(result.code).toBe(1);
    expect(await listed(env)).toEqual([]);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
  }, 30_000);
});
