import { createReadStream } from 'node:fs';
import { nestedDeeperThan, TOO_DEEP } from '../../../shared/nesting.ts';
import { readLines } from './lines.ts';
import { eventPart, type SourceRecord } from './source.ts';

/** NDJSON: one JSON object per line (Event Desk's NDJSON export, or bare {name, data, customer}). Blank lines are skipped. */
export async function* ndjsonRecords(path: string): AsyncGenerator<SourceRecord> {
  for await (const line of readLines(createReadStream(path))) {
    if ('problem' in line) {
      yield { position: line.number, problem: line.problem };
      continue;
    }
    const text = line.text.trim();
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line.number === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (error) {
      yield { position: line.number, problem: `not valid JSON (${(error as Error).message.replace(/^Unexpected/, 'unexpected').slice(0, 120)})` };
      continue;
    }
    if (nestedDeeperThan(value)) yield { position: line.number, problem: TOO_DEEP };
    else yield { position: line.number, raw: eventPart(value) };
  }
}
