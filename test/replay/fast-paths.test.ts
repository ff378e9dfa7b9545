import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRecord, checkRecordBySchema } from '../../src/main/replay/record-check.ts';
import { LineSplitter, type Line } from '../../src/main/replay/sources/lines.ts';

// The planner's fast paths (issue 16: a million lines planned in a few times the time of reading
// them) must say exactly what the straightforward code says, for any input.

/** Lines the obvious way: the whole input split at newlines, each checked and decoded alone. */
function referenceLines(bytes: Buffer, maxLineBytes: number): Line[] {
  const lines: Line[] = [];
  const parts: Buffer[] = [];
  let start = 0;
  for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10, start)) {
    parts.push(bytes.subarray(start, newline));
    start = newline + 1;
  }
  // The text after the last newline is a line only when there is some.
  if (start < bytes.length) parts.push(bytes.subarray(start));
  parts.forEach((part, index) => {
    const number = index + 1;
    if (part.length > maxLineBytes) return lines.push({ number, problem: `longer than ${Math.round(maxLineBytes / 1024)} KiB; an event line cannot be that long` });
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(part);
      lines.push({ number, text: text.endsWith('\r') ? text.slice(0, -1) : text });
    } catch {
      lines.push({ number, problem: 'not UTF-8 text; save the file as UTF-8' });
    }
  });
  return lines;
}

function split(bytes: Buffer, cuts: number[], maxLineBytes: number): Line[] {
  const splitter = new LineSplitter(maxLineBytes);
  const lines: Line[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts.map((at) => at % (bytes.length + 1)))].toSorted((a, b) => a - b)) {
    lines.push(...splitter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  lines.push(...splitter.push(bytes.subarray(from)), ...splitter.end());
  return lines;
}

/** Pieces lines are made of: text, multi-byte characters, a BOM, CR, bytes that are not UTF-8, newlines. */
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('é', '€', '😀', '\uFEFF', '\r', '\n', '\n', '\r\n'),
  fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc3])),
);
const input = fc.array(piece, { maxLength: 40 }).map((pieces) => Buffer.concat(pieces.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part))));

describe('lines cut chunk by chunk', () => {
  it('are the lines of the whole input, wherever the chunks end (in a character, a CRLF, a long line)', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 4, max: 64 }), (bytes, cuts, max) => {
        expect(split(bytes, cuts, max)).toEqual(referenceLines(bytes, max));
      }),
      { numRuns: 3000 },
    );
  });

  it('a line too long is reported once, in the middle of a chunk or across several', () => {
    const bytes = Buffer.from(`ok\n${'x'.repeat(40)}\nfine\n${'y'.repeat(100)}`);
    for (const cuts of [[], [5], [3, 20, 50, 60, 90]]) {
      expect(split(bytes, cuts, 32)).toEqual([
        { number: 1, text: 'ok' },
        { number: 2, problem: 'longer than 0 KiB; an event line cannot be that long' },
        { number: 3, text: 'fine' },
        { number: 4, problem: 'longer than 0 KiB; an event line cannot be that long' },
      ]);
    }
  });
});

/** Records near every edge the schema has: names, customers as numbers and text, data shapes. */
const name = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('Call made', '  padded  ', ' ', '', 'x'.repeat(255), 'x'.repeat(256), ` ${'x'.repeat(255)} `), fc.integer(), fc.constant(undefined));
const customer = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -3, 12.5, 1e21, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity),
  fc.constantFrom('1001', ' 42 ', '0012', '-3', '1e3', '12.5', 'abc', '', ' ', '9007199254740991', '9007199254740992', '123456789012345', '1234567890123456', '١٢'),
  fc.constant(undefined),
  fc.constant(null),
);
const data = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.constantFrom(JSON.parse('{"__proto__": {"a": 1}}'), { constructor: 'x' }, { constructor: () => 1 }, [1, 2], 'text', 7, null, undefined, {}),
  fc.constantFrom({ big: 'x'.repeat(70_000) }, { big: 'é'.repeat(32_747) }, { big: 'é'.repeat(32_748) }),
  fc.constant(JSON.parse(`${'{"a":'.repeat(70)}1${'}'.repeat(70)}`)),
  fc.constant(JSON.parse(`${'{"a":'.repeat(63)}1${'}'.repeat(63)}`)),
);
const record = fc.oneof(
  fc.record({ name, customer, data }, { requiredKeys: [] }),
  fc.constantFrom(null, 7, 'text', [1]),
);

describe('records checked without the schema when they are plainly valid', () => {
  it('get the schema\'s answer: the same event, data JSON and words', () => {
    fc.assert(
      fc.property(record, (raw) => {
        expect(checkRecord(raw)).toEqual(checkRecordBySchema(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('a body just over 64 KiB is refused, one just under taken, counted in UTF-8 bytes', () => {
    const body = (text: string) => ({ name: 'n', customer: 1, data: { t: text } });
    // {"name":"n","customer":1,"data":{"t":"…"}} is 41 bytes besides the text; 64 KiB is 65,536.
    const tooLarge = { problem: 'data: The request body is larger than 64 KiB. Remove some data.' };
    expect(checkRecord(body('x'.repeat(65_495)))).toHaveProperty('event');
    expect(checkRecord(body('x'.repeat(65_496)))).toEqual(tooLarge);
    expect(checkRecord(body('é'.repeat(32_747)))).toHaveProperty('event');
    expect(checkRecord(body('é'.repeat(32_748)))).toEqual(tooLarge);
  });
});
