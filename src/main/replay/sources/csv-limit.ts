import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * Stands in for a row that was too long: one quoted cell no real file holds (a NUL and a random
 * id per process), which csvRecords turns into that row's problem.
 */
export const TOO_LONG_CELL = `\u0000row too long ${randomUUID()}`;

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Passes CSV bytes through a record at a time, holding at most `maxRecordBytes` of one: a record
 * (quotes followed as RFC 4180 has them, so a newline inside quotes does not end it) longer than
 * that is dropped as it streams and replaced by TOO_LONG_CELL, so it is one invalid row and the
 * rows after it are still read. (csv-parse's max_record_size fails the whole parse instead.)
 * \r and \n both end a record here; it only bounds sizes, csv-parse still decides what a row is.
 */
export function csvRecordLimit(maxRecordBytes: number): Transform {
  let quoted = false;
  let held: Buffer[] = [];
  let length = 0;
  let dropping = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const out: Buffer[] = [];
      let start = 0;
      let position = 0;
      const take = (end: number) => {
        if (!dropping && end > start) {
          held.push(chunk.subarray(start, end));
          length += end - start;
          if (length > maxRecordBytes) {
            dropping = true;
            held = [];
            length = 0;
          }
        }
        start = end;
      };
      while (position < chunk.length) {
        const byte = chunk[position]!;
        if (byte === QUOTE) quoted = !quoted;
        else if (!quoted && (byte === NEWLINE || byte === RETURN)) {
          take(position);
          if (dropping) out.push(Buffer.from(`"${TOO_LONG_CELL}"`, 'utf8'));
          else out.push(...held);
          out.push(chunk.subarray(position, position + 1));
          held = [];
          length = 0;
          dropping = false;
          start = position + 1;
        }
        position += 1;
      }
      take(chunk.length);
      callback(null, out.length > 0 ? Buffer.concat(out) : undefined);
    },
    flush(callback) {
      callback(null, dropping ? Buffer.from(`"${TOO_LONG_CELL}"`, 'utf8') : held.length > 0 ? Buffer.concat(held) : undefined);
    },
  });
}
