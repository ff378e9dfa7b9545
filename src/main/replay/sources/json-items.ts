import { Transform } from 'node:stream';
import { NESTING_MAX, TOO_DEEP } from '../../../shared/nesting.ts';
import { MAX_LINE_BYTES } from './lines.ts';
import type { SourceRecord } from './source.ts';

/** stream-json's tokens, from a parser made with `itemParserOptions`. */
interface Token {
  name: string;
  value?: string;
}

/**
 * Strings and numbers arrive in chunks (never packed whole by the parser), keys packed: an item's
 * size is counted as it streams, and an oversized string is never held.
 */
export const itemParserOptions = { packKeys: true, streamKeys: false, packStrings: false, packNumbers: false };

/** Builds one value from tokens with its own stack (no recursion, whatever the depth). */
class ValueBuilder {
  result: unknown = undefined;
  #open: (unknown[] | Record<string, unknown>)[] = [];
  #key = '';
  #chunks: string[] = [];

  token(token: Token): void {
    switch (token.name) {
      case 'startObject':
      case 'startArray': {
        const container = token.name === 'startObject' ? {} : [];
        this.#add(container);
        this.#open.push(container);
        break;
      }
      case 'endObject':
      case 'endArray':
        this.#open.pop();
        break;
      case 'keyValue':
        this.#key = token.value ?? '';
        break;
      case 'startString':
      case 'startNumber':
        this.#chunks = [];
        break;
      case 'stringChunk':
      case 'numberChunk':
        this.#chunks.push(token.value ?? '');
        break;
      case 'endString':
        this.#add(this.#chunks.join(''));
        break;
      case 'endNumber':
        this.#add(Number(this.#chunks.join('')));
        break;
      case 'nullValue':
        this.#add(null);
        break;
      case 'trueValue':
      case 'falseValue':
        this.#add(token.name === 'trueValue');
        break;
    }
  }

  #add(value: unknown): void {
    const parent = this.#open.at(-1);
    if (!parent) this.result = value;
    else if (Array.isArray(parent)) parent.push(value);
    // As JSON.parse does: "__proto__" is a plain own key, never the prototype.
    else Object.defineProperty(parent, this.#key, { value, enumerable: true, writable: true, configurable: true });
  }
}

const ENDS_A_VALUE = new Set(['endObject', 'endArray', 'endString', 'endNumber', 'nullValue', 'trueValue', 'falseValue']);

/**
 * The items of a top-level JSON array as source records, from stream-json's tokens. Each item is
 * built while it stays under MAX_LINE_BYTES and NESTING_MAX levels; past either it is dropped as it
 * streams and reported as one invalid item, and the next item is read (stream-json's StreamArray
 * built any item whole: a 1 GB item or one nested 100,000 deep aborted the plan).
 */
export function arrayItems(): Transform {
  let inArray = false;
  let position = 0;
  let level = 0;
  let size = 0;
  let problem: string | null = null;
  let builder: ValueBuilder | null = null;
  return new Transform({
    objectMode: true,
    transform(token: Token, _encoding, callback) {
      if (!inArray) {
        if (token.name !== 'startArray') return callback(new Error('expected a JSON array of events'));
        inArray = true;
        return callback();
      }
      if (level === 0 && !builder && problem === null) {
        if (token.name === 'endArray') {
          inArray = false;
          return callback();
        }
        position += 1;
        size = 0;
        builder = new ValueBuilder();
      }
      if (token.name === 'startObject' || token.name === 'startArray') level += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') level -= 1;
      // Counted as JSON text: a byte per token for its punctuation, plus what it carries.
      size += 1 + (token.value?.length ?? 0);
      if (problem === null && level > NESTING_MAX) problem = TOO_DEEP;
      if (problem === null && size > MAX_LINE_BYTES) problem = `larger than ${Math.round(MAX_LINE_BYTES / 1024)} KiB; an event cannot be that large`;
      if (problem !== null) builder = null;
      builder?.token(token);
      if (level === 0 && ENDS_A_VALUE.has(token.name)) {
        const record: SourceRecord = problem === null ? { position, raw: builder!.result } : { position, problem };
        builder = null;
        problem = null;
        return callback(null, record);
      }
      callback();
    },
  });
}
