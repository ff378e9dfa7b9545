import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/index.ts';
import { createIpcHandlers } from '../../../src/main/ipc/handlers.ts';
import { OpenedFiles, replayFileFromArgv } from '../../../src/main/electron/opened-files.ts';
import { startMockServer, type MockServer } from '../../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../../tools/secret-stores.ts';
import { tempFoldersFor } from '../../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-opened-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());

describe('a file the app is asked to open (file association, command line)', () => {
  it('takes the events file from argv, skipping switches, other files and what does not exist', () => {
    const folder = temp();
    writeFileSync(join(folder, 'events.ndjson'), '{}\n');
    writeFileSync(join(folder, 'export.JSON'), '[]');
    writeFileSync(join(folder, 'notes.txt'), 'x');
    mkdirSync(join(folder, 'folder.ndjson'));
    const argv = (...args: string[]) => replayFileFromArgv(['/opt/Event Desk/event-desk-app', ...args], folder);
    expect(argv('events.ndjson')).toBe(join(folder, 'events.ndjson'));
    expect(argv('--enable-features=X', '--file=events.ndjson', 'notes.txt')).toBeNull();
    expect(argv('events.ndjson', 'export.JSON')).toBe(join(folder, 'export.JSON'));
    expect(argv('missing.ndjson')).toBeNull();
    expect(argv('folder.ndjson')).toBeNull();
    expect(argv(`${'a'.repeat(5000)}.ndjson`)).toBeNull();
    expect(argv('bad\0name.ndjson')).toBeNull();
    execFileSync('mkfifo', [join(folder, 'pipe.ndjson')]);
    expect(argv('pipe.ndjson')).toBeNull();
  });

  it('the window learns only the name; planning takes the path once, in main', async () => {
    const folder = temp();
    const file = join(folder, 'refunds.ndjson');
    writeFileSync(file, ['{"name":"Refund issued","customer":7,"data":{"amount":20}}', '{"name":"Refund issued","customer":8,"data":{"amount":5}}'].join('\n'));
    const announced: string[] = [];
    const opened = new OpenedFiles((name) => announced.push(name));
    opened.offer(join(folder, 'notes.txt'));
    expect(announced).toEqual([]);
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), openedFile: opened });
    const handlers = createIpcHandlers(core);
    expect(await handlers['app:openedFile'](undefined)).toEqual({ ok: true, value: null });
    opened.offer(file);
    expect(announced).toEqual(['refunds.ndjson']);
    expect(await handlers['app:openedFile'](undefined)).toEqual({ ok: true, value: { name: 'refunds.ndjson' } });
    const planned = await handlers['jobs:planOpened']({ sendDuplicates: false, ratePerMinute: null, retryMaybeLanded: false });
    expect(planned.ok && planned.value?.job.counts.pending).toBe(2);
    expect(planned.ok && planned.value?.job.source).toContain('refunds.ndjson');
    // Taken: a second plan does not replay it again.
    expect(await handlers['jobs:planOpened']({ sendDuplicates: false, ratePerMinute: null, retryMaybeLanded: false })).toEqual({ ok: true, value: null });
    core.close();
  });
});
