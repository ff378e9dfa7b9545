import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

/**
 * Writes a file through a random, exclusively created temp file renamed into place: the target
 * never holds half a file, and a planted file or symlink of the temp's name is never followed.
 */
export async function writeAtomically<T>(path: string, write: (stream: Writable) => Promise<T>): Promise<T> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  try {
    const result = await write(stream);
    stream.end();
    await once(stream, 'finish');
    renameSync(temp, path);
    return result;
  } catch (error) {
    stream.destroy();
    rmSync(temp, { force: true });
    throw error;
  }
}
