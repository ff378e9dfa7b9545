import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import type { JobEvent } from '../../src/shared/jobs.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const temp = tempFoldersFor('event-desk-progress-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());

describe('the rate a job shows', () => {
  it('is requests over the time they took: never above the budget, close to it at full pace', async () => {
    const events: JobEvent[] = [];
    const app = createCore({
      userDataDir: temp(),
      apiBaseUrl: mock.url,
      secretStore: fixedKeyStore(mock.apiKey),
      requestsPerMinute: 60,
      clock: new FakeClock(),
      emit: (push, payload) => {
        if (push === 'job:event') events.push(payload as JobEvent);
      },
    });
    const path = join(temp(), 'events.ndjson');
    writeFileSync(path, Array.from({ length: 25 }, (_, n) => JSON.stringify({ name: 'Replayed', customer: 1001, data: { n } })).join('\n'));
    const replay = app.activeScope().replay;
    const plan = await replay.planFile(path, { sendDuplicates: false, ratePerMinute: null });
    expect(await replay.start(plan.job.id).finished).toBe('finished');
    const rates = events.flatMap((event) => (event.type === 'progress' ? [event.ratePerMinute] : []));
    console.log(`rates shown at 60/min: ${rates.map((rate) => rate.toFixed(1)).join(', ')}`);
    expect(rates.length).toBeGreaterThan(5);
    expect(Math.max(...rates)).toBeLessThanOrEqual(60);
    // Starts are 60 s / 60 × 1.02 apart: the figure settles at the pace really kept.
    expect(rates.at(-1)).toBeCloseTo(60 / 1.02, 1);
    app.close();
  });
});
