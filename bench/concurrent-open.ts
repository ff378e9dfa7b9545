import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { check } from './targets.ts';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_OPEN_ROUNDS ?? 100);
const PROCESSES = 3;
/** Time between rounds: each round's three opens start within a millisecond of each other. */
const SPACING_MS = 150;

/**
 * Concurrent first open (issue 16, item 6): three processes open one new user-data folder at the
 * same moment, round after round; every open must succeed and nothing may be moved aside as
 * "unreadable". Target: 0 failures in 100 rounds.
 */
export async function benchConcurrentOpen(): Promise<boolean> {
  const base = mkdtempSync(join(tmpdir(), 'event-desk-bench-open-'));
  try {
    for (let round = 0; round < ROUNDS; round += 1) mkdirSync(join(base, String(round)));
    // Node's own start-up (type stripping, loading modules) takes well under 3 s even when loaded.
    const startAt = Date.now() + 3000;
    const args = [join(import.meta.dirname, 'open-child.ts'), base, String(startAt), String(ROUNDS), String(SPACING_MS)];
    const outputs = await Promise.all(Array.from({ length: PROCESSES }, () => run(process.execPath, args, { timeout: 120_000 })));
    const results = outputs.map(({ stdout }) => JSON.parse(stdout.trim()) as { failed: number; messages: string[] });
    const failed = results.reduce((sum, result) => sum + result.failed, 0);
    console.log(`\n## Concurrent first open: ${PROCESSES} processes × ${ROUNDS} new folders, opened at the same moment`);
    console.log(`${failed} of ${PROCESSES * ROUNDS} opens failed${failed > 0 ? `: ${results.flatMap((result) => result.messages).slice(0, 5).join('; ')}` : ''}`);
    return check({ name: `Concurrent first open, ${PROCESSES} processes × ${ROUNDS} rounds: failures`, value: failed, floor: null, unit: 'count', limit: 0, smokeLimit: 0 });
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchConcurrentOpen();
