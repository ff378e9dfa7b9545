import { createReadStream } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Pick from 'stream-json/filters/Pick.js';
import parserModule from 'stream-json';
import { arrayItems, itemParserOptions } from './json-items.ts';
import { eventPart, SourceError, type SourceRecord } from './source.ts';
import { utf8Check } from './utf8-check.ts';

/**
 * A JSON array of events, or Event Desk's JSON export document (its `entries`), streamed item by
 * item (stream-json): the file is never read whole, nor an item over 1 MiB. Positions are 1-based
 * item numbers.
 */
export async function* jsonRecords(path: string, shape: 'array' | 'export', skipBytes: number): AsyncGenerator<SourceRecord> {
  const stages: (Readable | Transform)[] = [createReadStream(path, { start: skipBytes }), utf8Check(), parserModule.parser(itemParserOptions)];
  if (shape === 'export') stages.push(Pick.make({ filter: 'entries' }));
  const items = arrayItems();
  const done = pipeline([...stages, items] as unknown as [Readable, ...Transform[]]).catch((error: Error) => error);
  let count = 0;
  const broken = (error: unknown) => (error instanceof SourceError ? error : new SourceError(`The JSON breaks after item ${count}: ${(error as Error).message.replace(/^Parser cannot parse input: /, '')}.`));
  try {
    for await (const record of items as AsyncIterable<SourceRecord>) {
      count = record.position;
      yield 'raw' in record ? { position: count, raw: eventPart(record.raw) } : record;
    }
  } catch (error) {
    throw broken(error);
  } finally {
    items.destroy();
  }
  const failure = await done;
  if (failure instanceof Error && !/premature close/i.test(failure.message)) throw broken(failure);
}
