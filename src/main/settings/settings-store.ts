import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { baseUrlSchema, DEFAULT_BASE_URL } from '../../shared/settings.ts';

const storedSchema = z.object({ baseUrl: baseUrlSchema.optional(), retentionDays: z.number().int().positive().optional() });
type Stored = z.infer<typeof storedSchema>;

/** Non-secret preferences in a small JSON file in the user-data folder. Secrets never go here. */
export class SettingsStore {
  readonly #path: string;
  readonly #envBaseUrl: string | undefined;
  #stored: Stored;

  /** `envBaseUrl` is HELPCRUNCH_API_URL; it wins over the saved value while it is set. */
  constructor(path: string, envBaseUrl: string | undefined) {
    this.#path = path;
    const env = envBaseUrl?.trim() ? baseUrlSchema.safeParse(envBaseUrl) : undefined;
    if (env && !env.success) throw new Error(`HELPCRUNCH_API_URL is not usable: ${env.error.issues[0]?.message}`);
    this.#envBaseUrl = env?.data;
    this.#stored = readStored(path);
  }

  baseUrl(): { value: string; source: 'default' | 'env' | 'settings' } {
    if (this.#envBaseUrl) return { value: this.#envBaseUrl, source: 'env' };
    if (this.#stored.baseUrl) return { value: this.#stored.baseUrl, source: 'settings' };
    return { value: DEFAULT_BASE_URL, source: 'default' };
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

  #save(next: Stored): void {
    mkdirSync(dirname(this.#path), { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file.
    writeFileSync(`${this.#path}.tmp`, JSON.stringify(next, null, 2));
    renameSync(`${this.#path}.tmp`, this.#path);
    this.#stored = next;
  }
}

function readStored(path: string): Stored {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
