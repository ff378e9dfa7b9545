import { Transform } from 'node:stream';
import { SourceError } from './source.ts';

/**
 * Passes bytes through, failing the stream on the first bytes that are not UTF-8 instead of letting
 * a parser read replacement characters. (NDJSON checks each line itself, to name the line.)
 */
export function utf8Check(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return callback(new SourceError(`The file is not UTF-8 text (near byte ${offset}); save it as UTF-8.`));
      }
      offset += chunk.length;
      callback(null, chunk);
    },
  });
}
