import { spawn } from 'node:child_process';
import { freePort } from '../../tools/free-port.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { EMPTY_FILTER, outcomeLabel, type HistoryFilter } from '../../src/shared/history.ts';

const temp = tempFoldersFor('event-desk-outbox-');
const KEY = 'mock-key-0123456789abcdef';
const FAST = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 100 };

function open(url: string, options: { clock?: FakeClock; userDataDir?: string; timeoutMs?: number } = {}): Core {
  return createCore({
    userDataDir: options.userDataDir ?? temp(),
    apiBaseUrl: url,
    secretStore: fixedKeyStore(KEY),
    requestsPerMinute: 100_000,
    retry: FAST,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timeoutMs ? { requestTimeoutMs: options.timeoutMs } : {}),
  });
}

const events = (count: number) => Array.from({ length: count }, (_, index) => ({ name: 'Call made', customer: 1001, data: { n: index } }));
const sentBodies = (mock: MockServer) => mock.received.filter((request) => request.path === '/v1/events').map((request) => (request.body as { data: { n: number } }).data.n);

describe('the outbox', () => {
  it('HelpCrunch unreachable: 5 sends are queued in order; when it is back, all are delivered exactly once, in order', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/v1`;
    const clock = new FakeClock();
    const core = open(url, { clock });
    const results = [];
    for (const event of events(5)) results.push(await core.activeScope().outbox.sendOrQueue(event));
    expect(results.map((result) => result.entry.outcome)).toEqual(Array(5).fill('network_error'));
    expect(results.every((result) => result.outboxId !== null)).toBe(true);
    expect(core.activeScope().outbox.list().map((item) => item.event.data.n)).toEqual([0, 1, 2, 3, 4]);
    // Still unreachable: one probe, the rest wait; the probe backs off.
    clock.time += 10_000;
    expect(await core.activeScope().outbox.drain()).toBe(0);
    expect(core.activeScope().outbox.list()[0]).toMatchObject({ state: 'queued', attempts: 2 });

    const mock = await startMockServer({ port, apiKey: KEY });
    try {
      expect(await core.activeScope().outbox.sendNow()).toBe(5);
      expect(sentBodies(mock)).toEqual([0, 1, 2, 3, 4]);
      expect(core.activeScope().outbox.list()).toEqual([]);
      expect(await core.activeScope().outbox.sendNow()).toBe(0);
      expect(sentBodies(mock)).toHaveLength(5);
    } finally {
      core.close();
      await mock.close();
    }
  });

  it('a newer item never overtakes an older one that is backing off: the drain waits for the oldest', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/v1`;
    const clock = new FakeClock();
    const core = open(url, { clock });
    const outbox = core.activeScope().outbox;
    try {
      await outbox.sendOrQueue(events(1)[0]!);
      // The first item's probe fails: it backs off (≈10 s) ...
      clock.time += 5_000;
      expect(await outbox.drain()).toBe(0);
      // ... and meanwhile a second is logged, due 5 s later: before the first.
      await outbox.sendOrQueue({ ...events(2)[1]! });
      const mock = await startMockServer({ port, apiKey: KEY });
      try {
        clock.time += 6_000;
        // Only the second is due: nothing may go before the first.
        expect(await outbox.drain()).toBe(0);
        expect(sentBodies(mock)).toEqual([]);
        clock.time += 10_000;
        expect(await outbox.drain()).toBe(2);
        expect(sentBodies(mock)).toEqual([0, 1]);
      } finally {
        await mock.close();
      }
    } finally {
      core.close();
    }
  });

  it('History says "In the outbox" for the queued send and each failed probe, finds them under that group, and "Sent later" once delivered', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/v1`;
    const clock = new FakeClock();
    const core = open(url, { clock });
    const outbox = core.activeScope().outbox;
    const page = (outcomes: HistoryFilter['outcomes'] = []) => core.history.page(50, null, 'default', { ...EMPTY_FILTER, outcomes }).entries;
    try {
      const queued = await outbox.sendOrQueue(events(1)[0]!);
      expect(queued.entry.outbox).toBe('waiting');
      clock.time += 10_000;
      expect(await outbox.drain()).toBe(0);
      expect(page().map((entry) => [entry.outcome, entry.outbox])).toEqual([['network_error', 'waiting'], ['network_error', 'waiting']]);
      expect(outcomeLabel(page()[0]!)).toBe('In the outbox');
      expect(page(['outbox'])).toHaveLength(2);
      // A send that failed for good is not in the outbox group.
      const mock = await startMockServer({ port, apiKey: KEY });
      try {
        expect(await outbox.sendNow()).toBe(1);
        const entries = page();
        expect(entries.map((entry) => [entry.outcome, entry.outbox])).toEqual([['sent', null], ['network_error', 'delivered'], ['network_error', 'delivered']]);
        expect(outcomeLabel(entries[1]!)).toBe('Sent later by the outbox');
        expect(page(['outbox'])).toEqual([]);
        expect(page(['network_error'])).toHaveLength(2);
      } finally {
        await mock.close();
      }
    } finally {
      core.close();
    }
  });

  it('an item removed from the outbox is no longer "In the outbox"; undo puts it back', async () => {
    const port = await freePort();
    const core = open(`http://127.0.0.1:${port}/v1`, { clock: new FakeClock() });
    const outbox = core.activeScope().outbox;
    try {
      const { outboxId } = await outbox.sendOrQueue(events(1)[0]!);
      const first = () => core.history.page(1, null, 'default', EMPTY_FILTER).entries[0]!;
      expect(first().outbox).toBe('waiting');
      outbox.remove(outboxId!);
      expect(first().outbox).toBeNull();
      outbox.undoRemove(outboxId!);
      expect(first().outbox).toBe('waiting');
    } finally {
      core.close();
    }
  });

  it('503 for a while, then recovery: queued, probed, delivered once', async () => {
    const mock = await startMockServer({ apiKey: KEY });
    const clock = new FakeClock();
    const core = open(mock.url, { clock });
    try {
      mock.injectFault({ kind: 'status', status: 503, count: 6, path: '/v1/events' });
      const result = await core.activeScope().outbox.sendOrQueue(events(1)[0]!);
      expect(result.entry.outcome).toBe('server_error');
      expect(result.outboxId).not.toBeNull();
      clock.time += 60_000;
      expect(await core.activeScope().outbox.drain()).toBe(0);
      clock.time += 60_000;
      expect(await core.activeScope().outbox.drain()).toBe(1);
      expect(core.activeScope().outbox.count()).toBe(0);
      // 3 tries when logged, 3 in the first probe, then the one that landed.
      expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(3 + 3 + 1);
    } finally {
      core.close();
      await mock.close();
    }
  });

  it('a 400, a 404 and a timeout are never queued', async () => {
    const mock = await startMockServer({ apiKey: KEY });
    const core = open(mock.url, { timeoutMs: 300 });
    try {
      mock.injectFault({ kind: 'status', status: 400, path: '/v1/events' });
      expect((await core.activeScope().outbox.sendOrQueue(events(1)[0]!)).outboxId).toBeNull();
      expect((await core.activeScope().outbox.sendOrQueue({ name: 'x', customer: 999_999, data: {} })).outboxId).toBeNull();
      mock.injectFault({ kind: 'hang', path: '/v1/events' });
      const timedOut = await core.activeScope().outbox.sendOrQueue({ name: 'y', customer: 1001, data: {} });
      expect(timedOut.entry.outcome).toBe('timeout');
      expect(timedOut.outboxId).toBeNull();
      expect(core.activeScope().outbox.count()).toBe(0);
    } finally {
      core.close();
      await mock.close();
    }
  });

  it('edit, remove with undo, and an item HelpCrunch rejects later is kept for the user', async () => {
    const port = await freePort();
    const core = open(`http://127.0.0.1:${port}/v1`, { clock: new FakeClock() });
    const { outboxId } = await core.activeScope().outbox.sendOrQueue(events(1)[0]!);
    const second = await core.activeScope().outbox.sendOrQueue({ name: 'Refund', customer: 1001, data: {} });
    core.activeScope().outbox.update(outboxId!, { name: 'Call made', customer: 999_999, data: { edited: true } });
    core.activeScope().outbox.remove(second.outboxId!);
    expect(core.activeScope().outbox.count()).toBe(1);
    core.activeScope().outbox.undoRemove(second.outboxId!);
    expect(core.activeScope().outbox.count()).toBe(2);
    const mock = await startMockServer({ port, apiKey: KEY });
    try {
      expect(await core.activeScope().outbox.sendNow()).toBe(1);
      expect(core.activeScope().outbox.list()).toMatchObject([{ id: outboxId, state: 'rejected', lastError: expect.stringContaining('no customer with id 999999') }]);
    } finally {
      core.close();
      await mock.close();
    }
  });

  it('killed during the drain: at the next start the item in flight is "unknown" and nothing is sent twice', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/v1`;
    const userDataDir = temp();
    const first = open(url, { userDataDir });
    for (const event of events(3)) await first.activeScope().outbox.sendOrQueue(event);
    first.close();
    const mock = await startMockServer({ port, apiKey: KEY });
    try {
      mock.injectFault({ kind: 'hang', path: '/v1/events' });
      const child = spawn(process.execPath, [join(import.meta.dirname, '../support/outbox-child.ts'), userDataDir, url, KEY], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const started = Date.now();
      while (mock.received.filter((request) => request.path === '/v1/events').length < 1) {
        if (Date.now() - started > 10_000) throw new Error('the child never sent');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill('SIGKILL');
      await exited;
      const next = open(url, { userDataDir });
      expect(next.notices.map((notice) => notice.code)).toContain('outbox_unknown');
      expect(next.activeScope().outbox.list().map((item) => [item.event.data.n, item.state])).toEqual([[0, 'unknown'], [1, 'queued'], [2, 'queued']]);
      expect(await next.activeScope().outbox.sendNow()).toBe(2);
      expect(sentBodies(mock)).toEqual([0, 1, 2]);
      next.activeScope().outbox.resolveUnknown(next.activeScope().outbox.list()[0]!.id, 'delivered');
      expect(next.activeScope().outbox.count()).toBe(0);
      next.close();
    } finally {
      await mock.close();
    }
  }, 20_000);
});
