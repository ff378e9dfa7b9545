import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

/**
 * Writes a file through a hidden `.<name>.<random>.partial` beside it, created exclusively ('wx'),
 * renamed into place only when complete: the target never holds half a file, a planted file or
 * symlink is never followed or overwritten, and on failure only the file this call created is
 * removed. `write` gets the stream and a way to learn of a stream error that came in between.
 */
export async function writeAtomically<T>(path: string, write: (stream: Writable, failed: () => Error | undefined) => Promise<T>, open: (path: string) => Writable = (partial) => createWriteStream(partial, { flags: 'wx', mode: 0o600 })): Promise<T> {
  const partial = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const stream = open(partial);
  let failure: Error | undefined;
  stream.on('error', (error: Error) => (failure ??= error));
  try {
    const result = await write(stream, () => failure);
    if (failure) throw failure;
    stream.end();
    await once(stream, 'finish');
    if (failure) throw failure;
    renameSync(partial, path);
    return result;
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}
