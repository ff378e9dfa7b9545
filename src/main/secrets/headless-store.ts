import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Failure } from '../failure.ts';
import { keyAccount, type SecretStore } from './secret-store.ts';

/** Where a headless key came from, as `event-desk key status` names it. */
export type HeadlessKeySource = 'environment' | 'file';

/** A key file is one line; anything much larger is not a key (and is not read into memory). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * A key given to one CLI run where no keychain is usable (servers, containers, CI): from
 * HELPCRUNCH_API_KEY or the file HELPCRUNCH_API_KEY_FILE names. The host reads those and passes
 * the key in; nothing in the core reads the environment, so the app never sees them.
 *
 * It stands in for the keychain for this run only: it is never written anywhere (set refuses,
 * delete changes nothing), it serves only the run's own account, and its entry is bound to the
 * origin the launcher chose (the run's API URL), so KeyService withholds it from any other host,
 * a base URL in a crafted settings.json included.
 */
export class HeadlessSecretStore implements SecretStore {
  readonly source: HeadlessKeySource;
  readonly #key: string;
  readonly #origin: string;
  #account: string | undefined;

  constructor(key: string, origin: string, source: HeadlessKeySource) {
    this.#key = key;
    this.#origin = origin;
    this.source = source;
  }

  /** The run's account (known once the core has resolved --profile); every other account gets no key. */
  serve(profile: string): void {
    this.#account = keyAccount(profile);
  }

  async get(account: string): Promise<string | null> {
    // Asked before the host said which account: a bug, and answering "none" would be cached as missing.
    if (this.#account === undefined) throw new Error('The headless key store was read before its account was set.');
    if (account !== this.#account) return null;
    return JSON.stringify({ v: 1, key: this.#key, origin: this.#origin });
  }

  async set(): Promise<void> {
    throw new Error(`This run's API key comes from ${this.source === 'file' ? 'HELPCRUNCH_API_KEY_FILE' : 'HELPCRUNCH_API_KEY'} and is never saved.`);
  }

  async delete(): Promise<boolean> {
    return false;
  }
}

/**
 * The key in the file at `path`: one line, surrounding whitespace dropped. On POSIX the file must be
 * readable by its owner only (0600 or 0400), as ssh insists for private keys: a key others can read
 * is a leaked key. The mode is checked on the opened file, so a swap after the check cannot slip in.
 * Throws a Failure (code "key_file") that names the file and never its contents.
 */
export function readKeyFile(path: string, platform: NodeJS.Platform): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new Failure('key_file', `The key file ${path} (HELPCRUNCH_API_KEY_FILE) cannot be read (${code}).`, { hint: 'Point HELPCRUNCH_API_KEY_FILE at a file holding only the API key, readable by this user.' });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Failure('key_file', `HELPCRUNCH_API_KEY_FILE names ${path}, which is not a file.`, { hint: 'Point it at a file holding only the API key.' });
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new Failure('key_file', `The key file ${path} can be read by other users (mode ${mode}), so it is not used.`, { hint: `Make it readable by its owner only: chmod 600 ${path}` });
    }
    if (stat.size > MAX_KEY_FILE_BYTES) throw new Failure('key_file', `The key file ${path} is far too large to hold an API key.`, { hint: 'Put only the API key in it.' });
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    let length = 0;
    for (let read = 1; read > 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_KEY_FILE_BYTES) throw new Failure('key_file', `The key file ${path} is far too large to hold an API key.`, { hint: 'Put only the API key in it.' });
    return buffer.subarray(0, length).toString('utf8').trim();
  } finally {
    closeSync(fd);
  }
}
