import type { Readable } from 'node:stream';

/** Lines longer than this are reported, never held: a JSON event is far smaller. */
export const MAX_LINE_BYTES = 1024 * 1024;

export type Line = { number: number; text: string } | { number: number; problem: string };

/**
 * Splits a byte stream into UTF-8 lines without ever holding more than one line: a line over
 * MAX_LINE_BYTES is skipped and reported, bytes that are not UTF-8 are reported with their line.
 * A BOM at the start is dropped; \r\n and \n both end a line.
 */
export async function* readLines(stream: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let parts: Buffer[] = [];
  let length = 0;
  let number = 1;
  let tooLong = false;
  const finish = (): Line | null => {
    const bytes = Buffer.concat(parts, length);
    parts = [];
    length = 0;
    if (tooLong) {
      tooLong = false;
      return { number, problem: `longer than ${Math.round(maxLineBytes / 1024)} KiB; an event line cannot be that long` };
    }
    try {
      let text = decoder.decode(bytes);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      return { number, text };
    } catch {
      return { number, problem: 'not UTF-8 text; save the file as UTF-8' };
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!tooLong) {
        if (length + (end - start) > maxLineBytes) {
          tooLong = true;
          parts = [];
          length = 0;
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
          length += end - start;
        }
      }
      if (newline === -1) break;
      const line = finish();
      if (line) yield line;
      number += 1;
      start = newline + 1;
    }
  }
  if (length > 0 || tooLong) {
    const line = finish();
    if (line) yield line;
  }
}
