import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../../src/main/ipc/dispatch.ts';
import { createServices, type Services } from '../../src/main/services.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// What the History view's Export asks for, through the real handler table and the contract.
const temp = tempFoldersFor('event-desk-export-ipc-');
let mock: MockServer;
let services: Services;
let folder: string;
const pushes: [string, unknown][] = [];
let invoke: (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
  const secretStore = memorySecretStore();
  await secretStore.set('profile:default', mock.apiKey);
  folder = temp();
  services = createServices({ userDataDir: folder, env: { HELPCRUNCH_API_URL: mock.url }, secretStore, emit: (push, payload) => pushes.push([push, payload]), chooseSavePath: async (name) => `${folder}/${name}`, requestsPerMinute: 1_000_000 });
  const listeners = new Map<string, (event: { trusted: boolean }, input: unknown) => Promise<unknown>>();
  registerHandlers<{ trusted: boolean }>({ handle: (channel, listener) => listeners.set(channel, listener) }, services.handlers, (event) => event.trusted);
  invoke = async (channel, input) => (await listeners.get(channel)!({ trusted: true }, input)) as Awaited<ReturnType<typeof invoke>>;
});

afterAll(async () => {
  services.close();
  await mock.close();
});

describe('history:export with format csv', () => {
  it('exports what the window asks for to the chosen .csv file, with progress pushes', async () => {
    expect(await invoke('events:send', { name: 'Refund issued', customer: 1001, data: { amount: 20, reason: '+31 20 123 4567' } })).toMatchObject({ ok: true });
    expect(await invoke('events:send', { name: 'Call made', customer: 1002, data: { minutes: 5 } })).toMatchObject({ ok: true });
    pushes.length = 0;
    const reply = await invoke('history:export', { filter: EMPTY_FILTER, ids: null, format: 'csv' });
    expect(reply).toMatchObject({ ok: true, value: { path: expect.stringMatching(/event-desk-history-[\d-]+\.csv$/), count: 2 } });
    const { path } = reply.value as { path: string };
    const rows = parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.name, row['data.amount'], row['data.reason'], row['data.minutes']])).toEqual([
      ['Call made', '', '', '5'],
      ['Refund issued', '20', "'+31 20 123 4567", ''],
    ]);
    expect(readFileSync(path, 'utf8')).not.toContain(mock.apiKey);
    expect(pushes.filter(([push]) => push === 'export:progress').at(-1)).toEqual(['export:progress', { written: 2, total: 2 }]);
  });

  it('refuses a format the contract does not know, before any service sees it', async () => {
    expect(await invoke('history:export', { filter: EMPTY_FILTER, ids: null, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
