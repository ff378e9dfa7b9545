import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { runCli } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// `event-desk export --format csv` as a real subprocess against the mock, in the private keyring session.
const temp = tempFoldersFor('event-desk-cli-csv-');
let mock: MockServer;
let env: Record<string, string>;
let service: string;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 100_000 });
});
afterAll(() => mock.close());

beforeEach(() => {
  mock.reset();
  service = `Event Desk cli csv test ${randomUUID()}`;
  env = { EVENT_DESK_USER_DATA: temp(), HELPCRUNCH_API_URL: mock.url, EVENT_DESK_KEYCHAIN_SERVICE: service };
});
afterEach(async () => {
  await new KeytarSecretStore(service).delete('profile:default');
});

const cli = (args: string[], input?: string) => runCli(args, { env, timeoutMs: 60_000, ...(input === undefined ? {} : { input }) });

// Bounds for a loaded machine (each step is a Node process start); the tests wait for exits, not time.
const SLOW = 90_000;

const TRICKY = { note: '=HYPERLINK("https://evil.example","Click")', city: 'Zürich, "CH"\nsecond line', amount: -5, who: '👩‍💻 Zoë' };

describe('event-desk export --format csv', () => {
  beforeEach(async () => {
    expect((await cli(['key', 'set'], `${mock.apiKey}\n`)).code).toBe(0);
    expect((await cli(['send', '--name', '@Refund issued', '--customer', '1001', '--data', JSON.stringify(TRICKY)])).code).toBe(0);
    expect((await cli(['send', '--name', 'Call made', '--customer', '1002', '--data', '{"minutes": 5}'])).code).toBe(0);
  }, SLOW);

  it('writes CSV to stdout: a column per data key, ISO times in the given zone and UTC, formula-safe', { timeout: SLOW }, async () => {
    const result = await cli(['export', '--format', 'csv', '--out', '-', '--time-zone', 'Asia/Kathmandu']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Exported 2 entries');
    expect(result.stdout).not.toContain(mock.apiKey);
    const rows = parse(result.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!).slice(-6)).toEqual(['data', 'data.amount', 'data.city', 'data.minutes', 'data.note', 'data.who']);
    const [call, refund] = rows as [Record<string, string>, Record<string, string>];
    expect(call).toMatchObject({ name: 'Call made', customer: '1002', outcome: 'sent', 'data.minutes': '5', 'data.note': '' });
    expect(refund).toMatchObject({ name: "'@Refund issued", customer: '1001', 'data.note': `'${TRICKY.note}`, 'data.city': TRICKY.city, 'data.amount': '-5', 'data.who': TRICKY.who });
    expect(JSON.parse(refund.data!)).toEqual(TRICKY);
    for (const row of rows) {
      expect(row.createdAtLocal).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+05:45$/);
      expect(row.createdAtUtc).toMatch(/Z$/);
      expect(Date.parse(row.createdAtLocal!)).toBe(Date.parse(row.createdAtUtc!));
    }
  });

  it('writes a file, and refuses a time zone it does not know (exit 2, nothing written)', { timeout: SLOW }, async () => {
    const out = join(temp(), 'history.csv');
    const file = await cli(['export', '--format', 'csv', '--out', out, '--name', 'Call made']);
    expect(file.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFid,createdAtLocal,createdAtUtc,name,')).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toHaveLength(1);
    const mars = join(temp(), 'mars.csv');
    const bad = await cli(['export', '--format', 'csv', '--out', mars, '--time-zone', 'Mars/Olympus_Mons']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Mars/Olympus_Mons" is not a time zone');
    expect(bad.stderr).toContain('Europe/Berlin');
    expect(existsSync(mars)).toBe(false);
  });

  it('JSON and NDJSON gain ISO times beside the epoch fields, and stay version 1', { timeout: SLOW }, async () => {
    const document = JSON.parse((await cli(['export', '--out', '-', '--time-zone', 'America/St_Johns'])).stdout);
    expect(document).toMatchObject({ format: 'event-desk-history', version: 1 });
    for (const entry of document.entries) {
      expect(entry.createdAtUtc).toBe(new Date(entry.createdAt).toISOString());
      expect(entry.createdAtLocal).toMatch(/-0[23]:30$/);
      expect(Date.parse(entry.eventCreatedAtLocal)).toBe(entry.eventCreatedAt);
    }
    const lines = (await cli(['export', '--format', 'ndjson', '--out', '-'])).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((entry) => entry.updatedAtUtc)).toEqual(lines.map((entry) => new Date(entry.updatedAt).toISOString()));
  });
});
