import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { baseUrlSchema, DEFAULT_BASE_URL } from '../../shared/settings.ts';
import { StartupError } from '../storage/startup-error.ts';

/** Each stored field with its own schema: one bad field is reset alone, the others are kept. */
const fieldSchemas = {
  baseUrl: baseUrlSchema,
  retentionDays: z.number().int().min(1).max(36_500),
} as const;

interface Stored {
  baseUrl?: string;
  retentionDays?: number;
}

/** settings.json larger than this is not ours to read. */
const MAX_SETTINGS_BYTES = 64 * 1024;

/** Non-secret preferences in a small JSON file in the user-data folder. Secrets never go here. */
export class SettingsStore {
  readonly #path: string;
  readonly #envBaseUrl: string | undefined;
  #stored: Stored;
  /** What was wrong with the file as read: said to the user once, at startup. */
  readonly problems: string[];

  /**
   * `envBaseUrl` is this launch's override (HELPCRUNCH_API_URL or --api-url); it wins over the saved
   * value while it is set. Only the account of that launch gets it: other accounts keep their own.
   */
  constructor(path: string, envBaseUrl: string | undefined) {
    this.#path = path;
    const env = envBaseUrl?.trim() ? baseUrlSchema.safeParse(envBaseUrl) : undefined;
    if (env && !env.success) {
      const detail = env.error.issues[0]?.message ?? '';
      throw new StartupError(`HELPCRUNCH_API_URL is not usable: ${detail}`, 'Fix or unset HELPCRUNCH_API_URL, then start Event Desk again.', { code: 'api_url', values: { detail } });
    }
    this.#envBaseUrl = env?.data;
    const read = readStored(path);
    this.#stored = read.stored;
    this.problems = read.problems;
  }

  /** This launch's override, if this account is the launch's: the person launching chose it. */
  get envBaseUrl(): string | undefined {
    return this.#envBaseUrl;
  }

  baseUrl(): { value: string; source: 'default' | 'env' | 'settings' } {
    if (this.#envBaseUrl) return { value: this.#envBaseUrl, source: 'env' };
    if (this.#stored.baseUrl) return { value: this.#stored.baseUrl, source: 'settings' };
    return { value: DEFAULT_BASE_URL, source: 'default' };
  }

  /** The account's own base URL, whatever this launch overrides. */
  ownBaseUrl(): string {
    return this.#stored.baseUrl ?? DEFAULT_BASE_URL;
  }

  retentionDays(): number | null {
    return this.#stored.retentionDays ?? null;
  }

  setBaseUrl(baseUrl: string | null): void {
    const next: Stored = { ...this.#stored };
    if (baseUrl === null) delete next.baseUrl;
    else next.baseUrl = baseUrl;
    this.#save(next);
  }

  setRetentionDays(days: number | null): void {
    const next: Stored = { ...this.#stored };
    if (days === null) delete next.retentionDays;
    else next.retentionDays = days;
    this.#save(next);
  }

  /**
   * Writes a temp file with a random name, created exclusively (so a planted file or symlink of
   * that name is never followed), flushes it to disk, then renames it over settings.json: a crash
   * leaves the old file or the new one, never half of either.
   */
  #save(next: Stored): void {
    mkdirSync(dirname(this.#path), { recursive: true });
    const temp = join(dirname(this.#path), `.${basename(this.#path)}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(next, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(temp, this.#path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    this.#stored = next;
  }
}

function readStored(path: string): { stored: Stored; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { stored: {}, problems: [] };
    return { stored: {}, problems: [`settings.json could not be read (${(error as Error).message}); default settings are used`] };
  }
  if (text.length > MAX_SETTINGS_BYTES) return { stored: {}, problems: ['settings.json is too large to be Event Desk\'s; default settings are used'] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { stored: {}, problems: ['settings.json is not valid JSON; default settings are used'] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { stored: {}, problems: ['settings.json does not hold an object; default settings are used'] };
  const stored: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [field, schema] of Object.entries(fieldSchemas)) {
    if (!Object.hasOwn(raw, field)) continue;
    const parsed = schema.safeParse((raw as Record<string, unknown>)[field]);
    if (parsed.success) stored[field] = parsed.data;
    else problems.push(`the saved ${field === 'baseUrl' ? 'API base URL' : 'retention'} was not valid (${parsed.error.issues[0]?.message}) and was reset to the default`);
  }
  return { stored: stored as Stored, problems };
}
