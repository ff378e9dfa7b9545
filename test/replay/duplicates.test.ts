import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import type { JobEvent } from '../../src/shared/jobs.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// The duplicate guard in replay: repeats inside one source, and what was delivered between planning and starting.
const temp = tempFoldersFor('event-desk-replay-duplicates-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function open(): { core: Core; events: JobEvent[] } {
  const events: JobEvent[] = [];
  const core = createCore({
    userDataDir: temp(),
    apiBaseUrl: mock.url,
    secretStore: fixedKeyStore(mock.apiKey),
    requestsPerMinute: 1_000_000,
    clock: new FakeClock(),
    emit: (push, payload) => {
      if (push === 'job:event') events.push(payload as JobEvent);
    },
  });
  return { core, events };
}

function ndjson(lines: unknown[]): string {
  const path = join(temp(), 'events.ndjson');
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'));
  return path;
}

const event = (n: number) => ({ name: 'Replayed', customer: 1001, data: { n } });

describe('the duplicate guard in replay', () => {
  it('a line that repeats an earlier line is flagged and sent once (or again, when duplicates are allowed)', async () => {
    const { core } = open();
    const replay = core.activeScope().replay;
    // Same data in another key order is the same event.
    const path = ndjson([event(1), event(2), { name: 'Replayed', customer: 1001, data: { n: 1 } }, event(3), event(2)]);
    const plan = await replay.planFile(path, { sendDuplicates: false, ratePerMinute: null });
    expect(plan).toMatchObject({ toSend: 3, repeats: 2, job: { counts: { pending: 3, skipped: 2 } } });
    const skipped = replay.items(plan.job.id, 0, 10, 'skipped');
    expect(skipped.map((item) => item.error)).toEqual(['Line 3 repeats line 1 (the same name, customer and data): sent once.', 'Line 5 repeats line 2 (the same name, customer and data): sent once.']);
    expect(await replay.start(plan.job.id).finished).toBe('finished');
    expect(mock.events.map((stored) => stored.data.n)).toEqual([1, 2, 3]);

    const allowed = await replay.planFile(ndjson([event(7), event(7)]), { sendDuplicates: true, ratePerMinute: null });
    expect(allowed).toMatchObject({ toSend: 2, repeats: 1 });
    expect(await replay.start(allowed.job.id).finished).toBe('finished');
    expect(mock.events.filter((stored) => stored.data.n === 7)).toHaveLength(2);
    core.close();
  });

  it('a plan left waiting, then the same events delivered elsewhere: starting it skips them and says so', async () => {
    const { core, events } = open();
    const scope = core.activeScope();
    const path = ndjson([event(1), event(2), event(3)]);
    const waiting = await scope.replay.planFile(path, { sendDuplicates: false, ratePerMinute: null });
    // Another job delivers the same file meanwhile (and the composer one more).
    const other = await scope.replay.planFile(path, { sendDuplicates: false, ratePerMinute: null });
    expect(await scope.replay.start(other.job.id).finished).toBe('finished');
    expect(mock.events).toHaveLength(3);
    expect(await scope.replay.start(waiting.job.id).finished).toBe('finished');
    expect(mock.events).toHaveLength(3);
    expect(scope.replay.get(waiting.job.id).counts).toMatchObject({ skipped: 3 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'skipped', jobId: waiting.job.id, count: 3 }));
    core.close();
  });

  it('an item whose earlier attempt may have landed is not resent by the job; "Send again" lets exactly that item through', async () => {
    const { core } = open();
    const replay = core.activeScope().replay;
    mock.injectFault({ kind: 'status', status: 502, afterStore: true, path: '/v1/events' });
    const plan = await replay.planFile(ndjson([event(1), event(2)]), { sendDuplicates: false, ratePerMinute: null });
    expect(await replay.start(plan.job.id).finished).toBe('finished');
    expect(replay.get(plan.job.id).counts).toMatchObject({ unknown: 1, sent: 1 });
    expect(mock.events).toHaveLength(2);
    // A new plan of the same file sends nothing: one was delivered, the other may have landed.
    const again = await replay.planFile(ndjson([event(1), event(2)]), { sendDuplicates: false, ratePerMinute: null });
    expect(again).toMatchObject({ toSend: 0, job: { duplicates: 2 } });
    replay.resolveUnknown(plan.job.id, 'all', 'resend');
    expect(await replay.start(plan.job.id).finished).toBe('finished');
    expect(mock.events.map((stored) => stored.data.n)).toEqual([1, 2, 1]);
    core.close();
  });

  it('a job that opted in to retrying answers that may have landed retries them (and may make a second event)', async () => {
    const { core } = open();
    const replay = core.activeScope().replay;
    mock.injectFault({ kind: 'status', status: 504, afterStore: true, path: '/v1/events' });
    const plan = await replay.planFile(ndjson([event(1)]), { sendDuplicates: false, ratePerMinute: null, retryMaybeLanded: true });
    expect(plan.job.retryMaybeLanded).toBe(true);
    expect(await replay.start(plan.job.id).finished).toBe('finished');
    expect(replay.get(plan.job.id).counts).toMatchObject({ sent: 1 });
    expect(mock.events).toHaveLength(2);
    core.close();
  });
});
