import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../src/main/helpcrunch/client.ts';
import { dispatch } from '../../src/main/ipc/dispatch.ts';
import { createServices, type Services } from '../../src/main/services.ts';
import type { Disposition } from '../../src/shared/history.ts';
import { startMockServer, type Fault, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { clientDroppedResetSockets } from '../support/sockets.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { FAULTS, PERSISTENT, type FaultCase } from './fault-cases.ts';
import { recordCell, reportTotals, type Reported } from './matrix-totals.ts';

/**
 * The first rule under every fault: an intended event lands at most once, and what may have landed
 * is "Outcome unknown" and never resent on its own. Each cell sends one distinct event through one
 * path (composer, quick log, outbox drain, replay job) while the mock misbehaves, then asks the
 * path to go on (drain again, resume the job) with the fault gone, and counts what the mock stored.
 */
const temp = tempFoldersFor('event-desk-faults-');
const FAST: RetryPolicy = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxTotalWaitMs: 200 };
// Long enough that a normal answer on a loaded machine never times out; the hang cells wait it out.
const TIMEOUT_MS = 2000;

let mock: MockServer;
let services: Services;
let replayFile = '';
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(async () => {
  reportTotals();
  await mock.close();
});

function open(): Services {
  return createServices({
    env: { HELPCRUNCH_API_URL: mock.url },
    userDataDir: temp(),
    secretStore: fixedKeyStore(mock.apiKey),
    requestsPerMinute: 1_000_000,
    retry: FAST,
    timeoutMs: TIMEOUT_MS,
    autoDrain: false,
    chooseOpenPath: async () => replayFile,
  });
}

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = await dispatch(services.handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** How many times the mock stored this cell's event (what the customer's profile would show). */
const stored = (name: string, customer: number, cell: string) => mock.events.filter((event) => event.name === name && event.customer === customer && event.data.cell === cell).length;

/** The next requests misbehave this way (earlier faults dropped; what was stored stays). */
async function inject(fault: Fault | null): Promise<void> {
  mock.clearFaults();
  if (fault) mock.injectFault(fault);
  await clientDroppedResetSockets();
}

/** Waits for a state, never for a time: polls the job until it stops running. */
async function finished(id: number): Promise<{ state: string; counts: Record<string, number> }> {
  for (;;) {
    const job = await call<{ state: string; counts: Record<string, number> }>('jobs:get', { id });
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface SendResult {
  disposition: Disposition | null;
  outboxId: number | null;
  outcome: string;
}

function reportedBySend(result: SendResult): Reported {
  if (result.outboxId !== null) return 'queued';
  if (result.disposition === 'delivered') return 'delivered';
  if (result.disposition === 'maybe-landed') return 'unknown';
  return result.disposition === 'rejected' ? 'rejected' : 'failed';
}

const OUTBOX_REPORTED: Record<string, Reported> = { queued: 'queued', unknown: 'unknown', rejected: 'rejected', sending: 'failed' };

/**
 * `landed`: stored when the path reported; `afterwards`: stored after the path went on without the
 * fault (drained, resumed). Only what was reported as not sent may land afterwards, and once.
 */
function check(path: string, cell: FaultCase, reported: Reported, landed: number, afterwards: number): void {
  recordCell({ path, fault: cell.name, reported, stored: afterwards });
  const where = `${path} / ${cell.name}`;
  expect(landed, `${where}: stored`).toBeLessThanOrEqual(1);
  if (reported === 'queued' || reported === 'failed') expect(afterwards, `${where}: sent later, once`).toBe(1);
  else expect(afterwards, `${where}: never again after going on`).toBe(landed);
  if (reported === 'delivered') expect(landed, `${where}: a delivery is stored once`).toBe(1);
  if (cell.expected === 'maybe-landed') expect(reported, `${where}: may have landed`).toBe('unknown');
  if (cell.expected === 'not-sent') expect(['queued', 'failed', 'delivered'], `${where}: not sent`).toContain(reported);
  if (reported === 'queued' || reported === 'failed' || reported === 'rejected') expect(landed, `${where}: reported as not delivered`).toBe(0);
}

describe('fault matrix: never twice, nothing lost, unknown when it may have landed', () => {
  it('composer (events:send) and its outbox', async () => {
    services = open();
    try {
      for (const [index, cell] of FAULTS.entries()) {
        const customer = 1001 + index;
        await inject(cell.fault);
        const result = await call<SendResult>('events:send', { name: 'Composer', customer, data: { cell: cell.name } });
        const landed = stored('Composer', customer, cell.name);
        // The path goes on without the fault: the outbox drains, unknown outcomes stay put.
        mock.clearFaults();
        await call('outbox:sendNow');
        check('composer', cell, reportedBySend(result), landed, stored('Composer', customer, cell.name));
      }
    } finally {
      services.close();
    }
  });

  it('quick log (saved:send)', async () => {
    services = open();
    try {
      const saved = await call<{ id: number }>('saved:create', { draft: { title: 'Matrix', name: 'Quick log', template: { cell: '{{input.cell}}' }, fields: [{ key: 'cell', label: 'Cell', type: 'text', required: true }] } });
      for (const [index, cell] of FAULTS.entries()) {
        const customer = 1101 + index;
        await inject(cell.fault);
        const result = await call<SendResult>('saved:send', { id: saved.id, customer, inputs: { cell: cell.name }, again: false });
        const landed = stored('Quick log', customer, cell.name);
        mock.clearFaults();
        await call('outbox:sendNow');
        check('quick log', cell, reportedBySend(result), landed, stored('Quick log', customer, cell.name));
      }
    } finally {
      services.close();
    }
  });

  it('outbox drain', async () => {
    services = open();
    try {
      for (const [index, cell] of FAULTS.entries()) {
        const customer = 1201 + index;
        // Queued first: HelpCrunch could not be reached (provably not sent).
        await inject({ kind: 'reset-on-connect', count: PERSISTENT });
        const queued = await call<SendResult>('events:send', { name: 'Outbox', customer, data: { cell: cell.name } });
        expect(queued.outboxId, `outbox / ${cell.name}: queued`).not.toBeNull();
        await inject(cell.fault);
        await call('outbox:sendNow');
        const item = (await call<{ id: number; state: string }[]>('outbox:list')).find((candidate) => candidate.id === queued.outboxId);
        const reported: Reported = item ? OUTBOX_REPORTED[item.state]! : 'delivered';
        const landed = stored('Outbox', customer, cell.name);
        mock.clearFaults();
        await call('outbox:sendNow');
        check('outbox drain', cell, reported, landed, stored('Outbox', customer, cell.name));
        // Leave no queued item behind for the next cell's drain.
        for (const left of await call<{ id: number }[]>('outbox:list')) await call('outbox:remove', { id: left.id });
      }
    } finally {
      services.close();
    }
  });

  it('replay job, then resumed without the fault', async () => {
    services = open();
    try {
      for (const [index, cell] of FAULTS.entries()) {
        const customer = 1001 + index;
        replayFile = join(temp(), 'one.ndjson');
        writeFileSync(replayFile, `${JSON.stringify({ name: 'Job', customer, data: { cell: cell.name } })}\n`);
        // A job retries not-sent answers on its own: a persistent 429 would only slow it down, so give it a blip.
        const fault = cell.fault && cell.expected === 'not-sent' && cell.fault.kind === 'status' && cell.fault.status === 429 ? { ...cell.fault, count: 2 } : cell.fault;
        const plan = await call<{ job: { id: number } }>('jobs:planFile', { sendDuplicates: false, ratePerMinute: null });
        await inject(fault);
        await call('jobs:start', { id: plan.job.id });
        const job = await finished(plan.job.id);
        const state = Object.entries(job.counts).find(([, count]) => count > 0)?.[0];
        const reported: Reported = state === 'sent' ? 'delivered' : state === 'unknown' ? 'unknown' : state === 'rejected' ? 'rejected' : 'failed';
        const landed = stored('Job', customer, cell.name);
        mock.clearFaults();
        // Going on: failed items are retried by the user's choice; unknown ones are never resent.
        if (state === 'failed') await call('jobs:retry', { id: plan.job.id, which: 'failed' });
        if (state !== 'sent') {
          await call('jobs:start', { id: plan.job.id }).catch(() => null);
          await finished(plan.job.id);
        }
        check('replay job', cell, reported, landed, stored('Job', customer, cell.name));
      }
    } finally {
      services.close();
    }
  });

  it('a 60-item replay with every fault mixed in: 0 stored twice, 0 lost, every ambiguous answer unknown', async () => {
    services = open();
    try {
      const items = 60;
      replayFile = join(temp(), 'mixed.ndjson');
      writeFileSync(replayFile, Array.from({ length: items }, (_, n) => JSON.stringify({ name: 'Mixed', customer: 1001 + n, data: { cell: `mixed ${n}` } })).join('\n'));
      const plan = await call<{ job: { id: number } }>('jobs:planFile', { sendDuplicates: false, ratePerMinute: null });
      mock.clearFaults();
      // One fault every third request, in turn; "latency 0" is a request that goes through.
      const sequence: Fault[] = [];
      const kinds = FAULTS.filter((cell) => cell.fault !== null && cell.fault.kind !== 'reset-on-connect').map((cell) => ({ ...cell.fault!, count: 1 }));
      for (let n = 0; n < items; n += 1) sequence.push(n % 3 === 2 ? kinds[(n / 3) % kinds.length | 0]! : { kind: 'latency', ms: 0, path: '/v1/events' });
      for (const fault of sequence) mock.injectFault(fault);
      await call('jobs:start', { id: plan.job.id });
      const job = await finished(plan.job.id);
      const byCell = new Map<string, number>();
      for (const event of mock.events.filter((candidate) => candidate.name === 'Mixed')) byCell.set(String(event.data.cell), (byCell.get(String(event.data.cell)) ?? 0) + 1);
      const twice = [...byCell.values()].filter((count) => count > 1).length;
      const list = await call<{ state: string; data: string }[]>('jobs:items', { id: plan.job.id, afterSeq: 0, limit: 100, state: null });
      const lost = list.filter((item) => item.state === 'sent' && byCell.get(String((JSON.parse(item.data) as { cell: string }).cell)) !== 1).length;
      recordCell({ path: 'mixed job (60 items)', fault: `${sequence.filter((fault) => fault.kind !== 'latency').length} faults`, reported: 'delivered', stored: [...byCell.values()].reduce((sum, count) => sum + count, 0), items, twice, lost, unknown: job.counts.unknown ?? 0 });
      expect([...byCell].filter(([, count]) => count > 1).map(([cell]) => cell), 'stored twice').toEqual([]);
      expect(lost).toBe(0);
      expect(job.counts.pending ?? 0).toBe(0);
      // Every item is accounted for: delivered, unknown (may have landed), or failed/rejected (provably not).
      expect(Object.values(job.counts).reduce((sum, count) => sum + count, 0)).toBe(items);
      expect(job.counts.unknown ?? 0).toBeGreaterThan(0);
    } finally {
      services.close();
    }
  });
});
