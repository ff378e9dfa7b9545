import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../src/main/replay/record-check.ts';
import { openFileSource } from '../../src/main/replay/sources/file-source.ts';
import { SourceError, type SourceRecord } from '../../src/main/replay/sources/source.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-sources-');

function file(name: string, content: string | Buffer): string {
  const path = join(temp(), name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string): Promise<{ unit: string; label: string; records: SourceRecord[] }> {
  const source = await openFileSource(path);
  const records: SourceRecord[] = [];
  for await (const record of source.records) records.push(record);
  return { unit: source.unit, label: source.label, records };
}

/** Each record as what the planner would make of it: an event, or "<position>: <problem>". */
async function planned(path: string) {
  const { records } = await read(path);
  return records.map((record) => {
    if (record.problem) return `${record.position}: ${record.problem}`;
    const checked = checkRecord(record.raw);
    return 'event' in checked ? checked.event : `${record.position}: ${checked.problem}`;
  });
}

const event = { name: 'Call made', customer: 1001, data: { minutes: 5 } };

describe('NDJSON', () => {
  it('reads events, skips blank lines, keeps line numbers, accepts a BOM and CRLF', async () => {
    const path = file('a.ndjson', `\uFEFF${JSON.stringify(event)}\r\n\r\n${JSON.stringify({ ...event, customer: '1002' })}\n`);
    expect((await read(path)).unit).toBe('line');
    expect(await planned(path)).toEqual([event, { ...event, customer: 1002 }]);
  });

  it.each([
    ['not json', '1: not valid JSON'],
    ['[1, 2]', '1: expected an object with name, data and customer'],
    ['{"name": "", "customer": 1, "data": {}}', '1: name: Enter an event name.'],
    ['{"name": "x", "customer": 12.5, "data": {}}', '1: customer: The customer id must be a whole number.'],
    ['{"name": "x", "customer": "abc", "data": {}}', '1: customer: a HelpCrunch customer id is a whole number'],
    ['{"name": "x", "customer": 1, "data": [1]}', '1: data:'],
    ['{"name": "x", "data": {}}', '1: customer: missing'],
  ])('a bad line %s is reported with its number and field', async (line, message) => {
    const [result] = await planned(file('bad.ndjson', `${JSON.stringify(event)}\n${line}\n`).replace(/x/, 'x')).then((all) => all.slice(1));
    expect(String(result)).toContain(message.replace(/^1:/, '2:'));
  });

  it('Event Desk\'s NDJSON export replays each entry\'s request', async () => {
    const entry = { id: 7, outcome: 'sent', request: event, responseBody: '{}' };
    expect(await planned(file('export.ndjson', `${JSON.stringify(entry)}\n`))).toEqual([event]);
  });

  it('a 10 MB line is reported, never held, and the next line is still read', async () => {
    const huge = JSON.stringify({ ...event, data: { blob: 'x'.repeat(10 * 1024 * 1024) } });
    const result = await planned(file('huge.ndjson', `${huge}\n${JSON.stringify(event)}\n`));
    expect(result[0]).toMatch(/^1: longer than 1024 KiB/);
    expect(result[1]).toEqual(event);
  });

  it('bytes that are not UTF-8 are reported with their line', async () => {
    const path = file('latin1.ndjson', Buffer.concat([Buffer.from(`${JSON.stringify(event)}\n{"name":"Caf`), Buffer.from([0xe9]), Buffer.from('","customer":1,"data":{}}\n')]));
    const result = await planned(path);
    expect(result[0]).toEqual(event);
    expect(result[1]).toBe('2: not UTF-8 text; save the file as UTF-8');
  });

  it('a file mixing formats: the lines that are not NDJSON objects are invalid, the rest are read', async () => {
    const result = await planned(file('mixed.ndjson', `${JSON.stringify(event)}\nname,customer\n[${JSON.stringify(event)}]\n`));
    expect(result).toEqual([event, expect.stringMatching(/^2: not valid JSON/), '3: expected an object with name, data and customer']);
  });
});

describe('JSON', () => {
  it('a JSON array is streamed item by item', async () => {
    const path = file('a.json', JSON.stringify([event, { ...event, name: '' }], null, 2));
    const read1 = await read(path);
    expect(read1.unit).toBe('item');
    expect(await planned(path)).toEqual([event, '2: name: Enter an event name.']);
  });

  it('Event Desk\'s JSON export document replays its entries', async () => {
    const document = { format: 'event-desk-history', version: 1, exportedAt: 'x', filter: {}, entries: [{ id: 1, outcome: 'sent', request: event }] };
    const path = file('export.json', `\uFEFF${JSON.stringify(document)}`);
    expect((await read(path)).label).toContain('Event Desk export');
    expect(await planned(path)).toEqual([event]);
  });

  it('JSON that breaks part way says after which item', async () => {
    const path = file('broken.json', `[${JSON.stringify(event)}, {"name": "x",`);
    await expect(read(path)).rejects.toThrow(/The JSON breaks after item 1/);
  });

  it('a JSON file that is not UTF-8 stops the plan with the reason', async () => {
    const path = file('latin1.json', Buffer.concat([Buffer.from('[{"name":"Caf'), Buffer.from([0xe9]), Buffer.from('","customer":1,"data":{}}]')]));
    await expect(read(path)).rejects.toThrow(/not UTF-8 text/);
  });

  it('a pretty-printed object that is not an export is refused with the reason', async () => {
    await expect(openFileSource(file('object.json', JSON.stringify(event, null, 2)))).rejects.toThrow(/neither NDJSON .* nor Event Desk's export/);
  });
});

describe('CSV', () => {
  it('quotes, commas and newlines in cells; data.<key> columns typed; a data column merged', async () => {
    const csv = 'name,customer,data.amount,data.vip,data.note,data\r\n"Refund, partial",1001,20.5,true,"said ""thanks""\nand left","{""plan"":""pro""}"\r\nCall made,1002,,false,x,\r\n';
    const path = file('events.csv', csv);
    expect((await read(path)).unit).toBe('row');
    expect(await planned(path)).toEqual([
      { name: 'Refund, partial', customer: 1001, data: { amount: 20.5, vip: true, note: 'said "thanks"\nand left', plan: 'pro' } },
      { name: 'Call made', customer: 1002, data: { vip: false, note: 'x' } },
    ]);
  });

  it('rows are numbered with the header as row 1; a bad cell names its field', async () => {
    const result = await planned(file('bad.csv', 'name,customer\nCall made,abc\nCall made,1001,extra\n'));
    expect(result).toEqual(['2: customer: a HelpCrunch customer id is a whole number (digits only), like 1001.', '3: has 3 cells but the header has 2']);
  });

  it.each([
    ['name,customer,email\nx,1,a@b.c\n', 'unknown column "email"'],
    ['customer,data\n1,{}\n', 'no "name" column'],
  ])('a header problem stops the plan: %j', async (csv, message) => {
    await expect(read(file('header.csv', csv))).rejects.toThrow(message);
  });

  it('a CSV that is not UTF-8 stops the plan with the reason (it does not bring the app down)', async () => {
    const path = file('latin1.csv', Buffer.concat([Buffer.from('name,customer\nCaf'), Buffer.from([0xe9]), Buffer.from(',1001\n')]));
    await expect(read(path)).rejects.toThrow(/not UTF-8 text/);
  });

  it('a CSV with a BOM is fine', async () => {
    expect(await planned(file('bom.csv', '\uFEFFname,customer\nCall made,1001\n'))).toEqual([{ name: 'Call made', customer: 1001, data: {} }]);
  });
});

describe('files that cannot be replayed', () => {
  it.each([
    ['', 'is empty'],
    ['   \n\n', 'is empty'],
  ])('%j', async (content, message) => {
    await expect(openFileSource(file('empty.ndjson', content))).rejects.toThrow(message);
  });

  it('a missing file and a folder are said in words', async () => {
    await expect(openFileSource(join(temp(), 'nope.ndjson'))).rejects.toThrow(/There is no file/);
    await expect(openFileSource(temp())).rejects.toBeInstanceOf(SourceError);
  });
});

describe('hostile input is one invalid item, never an aborted plan', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const deepEvent = (levels: number) => `{"name":"Call made","customer":1001,"data":{"a":${deep(levels)}}}`;
  const big = JSON.stringify({ ...event, data: { blob: 'x'.repeat(1024 * 1024 + 10) } });

  it.each([3_000, 300_000])('an NDJSON line nested %i deep', async (levels) => {
    const result = await planned(file('deep.ndjson', `${deepEvent(levels)}\n${JSON.stringify(event)}\n`));
    expect(result).toEqual(['1: nested too deeply (max 64 levels)', event]);
  });

  it.each([3_000, 300_000])('a JSON array item nested %i deep', async (levels) => {
    const result = await planned(file('deep.json', `[${JSON.stringify(event)}, ${deepEvent(levels)}, ${deep(levels)}, ${JSON.stringify(event)}]`));
    expect(result).toEqual([event, '2: nested too deeply (max 64 levels)', '3: nested too deeply (max 64 levels)', event]);
  });

  it('a JSON array item over 1 MiB, and one in an export', async () => {
    expect(await planned(file('big.json', `[${big}, ${JSON.stringify(event)}, "${'y'.repeat(2 * 1024 * 1024)}"]`))).toEqual([
      '1: larger than 1024 KiB; an event cannot be that large',
      event,
      '3: larger than 1024 KiB; an event cannot be that large',
    ]);
    const document = `{"format":"event-desk-history","version":1,"entries":[{"outcome":"sent","request":${big}},{"outcome":"sent","request":${JSON.stringify(event)}}]}`;
    expect(await planned(file('big-export.json', document))).toEqual(['1: larger than 1024 KiB; an event cannot be that large', event]);
  });

  it('JSON array items keep every JSON value as JSON.parse reads it', async () => {
    const odd = { name: 'Odd', customer: 7, data: { n: -1.5e3, t: true, f: false, z: null, s: 'é "q" \\ \n', list: [[], {}, [1, [2]]], __proto__x: 1 } };
    const text = `[${JSON.stringify(odd)}, {"name":"P","customer":1,"data":{"__proto__":{"polluted":1}}}]`;
    const { records } = await read(file('odd.json', text));
    expect(records.map((record) => record.raw)).toEqual(JSON.parse(text));
    expect(Object.hasOwn((records[1]!.raw as { data: object }).data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a CSV row over 1 MiB, and a data cell nested 3,000 deep', async () => {
    const csv = `name,customer,data\nCall made,1001,"${'x'.repeat(1024 * 1024 + 10)}\nstill inside the quotes"\nCall made,1001,"${deepEvent(3000).replaceAll('"', '""')}"\nCall made,1002,\n`;
    expect(await planned(file('big.csv', csv))).toEqual([
      '2: longer than 1024 KiB; an event row cannot be that long',
      '3: data: nested too deeply (max 64 levels)',
      { name: 'Call made', customer: 1002, data: {} },
    ]);
  });

  it('a CSV header over 1 MiB stops the plan with the reason', async () => {
    await expect(read(file('big-header.csv', `name,customer,${'x'.repeat(1024 * 1024 + 10)}\nCall made,1\n`))).rejects.toThrow(/Row 1 \(the header\) is longer than 1024 KiB/);
  });

  it('a FIFO and a device are refused before they are opened', { timeout: 5_000 }, async () => {
    const fifo = join(temp(), 'events.ndjson');
    execFileSync('mkfifo', [fifo]);
    await expect(openFileSource(fifo)).rejects.toThrow(/is a named pipe \(FIFO\): Event Desk reads only regular files/);
    await expect(openFileSource('/dev/zero')).rejects.toThrow(/is a device/);
  });
});
