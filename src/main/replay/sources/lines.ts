import { isUtf8 } from 'node:buffer';

/** Lines longer than this are reported, never held: a JSON event is far smaller. */
export const MAX_LINE_BYTES = 1024 * 1024;

export type Line = { number: number; text: string } | { number: number; problem: string };

const NEWLINE = 0x0a;
const NOT_UTF8 = 'not UTF-8 text; save the file as UTF-8';

/**
 * Splits a byte stream into UTF-8 lines, chunk by chunk, without ever holding more than one line
 * beyond the chunk: a line over `maxLineBytes` is skipped and reported, bytes that are not UTF-8
 * are reported with their line. \r\n and \n both end a line. (A BOM is left in the text: the
 * reader trims it, as String#trim does.)
 *
 * Synchronous on purpose: a chunk's lines are cut in one call, each decoded straight from the chunk
 * (one UTF-8 check for all of a chunk's whole lines, not a decoder and a copy per line), so a
 * million-line file costs little more than reading it.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  /** The start of a line that continues in the next chunk. */
  #held: Buffer[] = [];
  #heldLength = 0;
  #tooLong = false;
  #number = 1;

  constructor(maxLineBytes = MAX_LINE_BYTES) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** The lines that end in this chunk. */
  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    const first = chunk.indexOf(NEWLINE);
    if (first === -1) {
      this.#hold(chunk, 0, chunk.length);
      return lines;
    }
    // The first line may have begun in earlier chunks.
    this.#hold(chunk, 0, first);
    lines.push(this.#finishHeld());
    const last = chunk.lastIndexOf(NEWLINE);
    if (last > first) {
      // Every line between the first and last newline lies whole in this chunk, and a newline never
      // falls inside a UTF-8 sequence: one check covers them all (a failure is looked for line by line).
      const allUtf8 = isUtf8(chunk.subarray(first + 1, last));
      let start = first + 1;
      while (start <= last) {
        const end = chunk.indexOf(NEWLINE, start);
        lines.push(this.#whole(chunk, start, end, allUtf8));
        start = end + 1;
      }
    }
    this.#hold(chunk, last + 1, chunk.length);
    return lines;
  }

  /** The last line, when the stream does not end with a newline. */
  end(): Line[] {
    return this.#heldLength > 0 || this.#tooLong ? [this.#finishHeld()] : [];
  }

  #whole(chunk: Buffer, start: number, end: number, knownUtf8: boolean): Line {
    const number = this.#number;
    this.#number += 1;
    if (end - start > this.#maxLineBytes) return { number, problem: this.#tooLongProblem() };
    const stop = end > start && chunk[end - 1] === 0x0d ? end - 1 : end;
    if (!knownUtf8 && !isUtf8(chunk.subarray(start, end))) return { number, problem: NOT_UTF8 };
    return { number, text: chunk.toString('utf8', start, stop) };
  }

  #hold(chunk: Buffer, start: number, end: number): void {
    if (this.#tooLong || end === start) return;
    if (this.#heldLength + (end - start) > this.#maxLineBytes) {
      this.#tooLong = true;
      this.#held = [];
      this.#heldLength = 0;
      return;
    }
    this.#held.push(chunk.subarray(start, end));
    this.#heldLength += end - start;
  }

  #finishHeld(): Line {
    const number = this.#number;
    this.#number += 1;
    const bytes = this.#held.length === 1 ? this.#held[0]! : Buffer.concat(this.#held, this.#heldLength);
    const tooLong = this.#tooLong;
    this.#held = [];
    this.#heldLength = 0;
    this.#tooLong = false;
    if (tooLong) return { number, problem: this.#tooLongProblem() };
    if (!isUtf8(bytes)) return { number, problem: NOT_UTF8 };
    const stop = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { number, text: bytes.toString('utf8', 0, stop) };
  }

  #tooLongProblem(): string {
    return `longer than ${Math.round(this.#maxLineBytes / 1024)} KiB; an event line cannot be that long`;
  }
}
