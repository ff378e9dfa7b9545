import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.helpcrunch.com/v1';

export const BASE_URL_MAX_LENGTH = 2048;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * A refinement's issue with the rule it broke named in `params.rule` (and what the words need), so the
 * window can say it in its language (validation-words.ts); the message stays the English.
 */
function ruleIssue(context: z.RefinementCtx, message: string, rule: string, extra: Record<string, string | number> = {}): void {
  context.addIssue({ code: 'custom', message, params: { rule, ...extra } });
}

/** HTTPS anywhere; plain HTTP only to this machine (the mock server, a local proxy). */
export const baseUrlSchema = z
  .string()
  .max(BASE_URL_MAX_LENGTH, 'That URL is too long to be an API base URL.')
  .trim()
  .min(1, 'Enter the API base URL.')
  .superRefine((text, context) => {
    // One message at a time, from the most basic problem on.
    if (text === '') return;
    if (!URL.canParse(text)) return void ruleIssue(context, 'Enter a full URL such as https://api.helpcrunch.com/v1.', 'url_full');
    const url = new URL(text);
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
      return void ruleIssue(context, 'Use https:// — plain http:// is only allowed for this computer (localhost, 127.0.0.1).', 'url_https');
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      ruleIssue(context, 'The base URL cannot contain a query, a fragment or credentials.', 'url_extras');
    }
  })
  .transform((text) => text.replace(/\/+$/, ''));

/** The scheme, host and port a key is bound to: `https://api.helpcrunch.com`, `http://127.0.0.1:4010`. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export const API_KEY_MAX_LENGTH = 4096;

/**
 * The first character that cannot be in an HTTP header token, named so the user can find it:
 * NUL, zero-width spaces and Cyrillic look-alikes would otherwise fail later as "could not reach".
 */
export function badKeyCharacter(key: string): string | null {
  const bad = badKeyCharacterAt(key);
  return bad === null ? null : `The key has a character that cannot be in an API key at position ${bad.position} (${bad.shown}). Copy the key again from HelpCrunch.`;
}

/** Where that character is and how to show it ("\"к\", U+043A"), for words in any language. */
export function badKeyCharacterAt(key: string): { position: number; shown: string } | null {
  let position = 0;
  for (const character of key) {
    position += 1;
    const code = character.codePointAt(0)!;
    if (code >= 0x21 && code <= 0x7e) continue;
    const unicode = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const visible = code > 0x20 && code !== 0x7f && !/[\p{Cf}\p{Z}\p{C}]/u.test(character) ? `"${character}", ` : '';
    return { position, shown: `${visible}${unicode}` };
  }
  return null;
}

/** The key is sent bare as `Bearer <key>`, so anything around it would break authentication. */
export const apiKeySchema = z
  .string()
  .max(API_KEY_MAX_LENGTH * 2, 'That is too long to be a HelpCrunch API key.')
  .trim()
  .min(1, 'Paste the API key from HelpCrunch: Settings → Developers → Public API.')
  .superRefine((key, context) => {
    // One message at a time, the most likely paste mistakes first.
    if (key === '') return;
    if (/^bearer\s/i.test(key)) return void ruleIssue(context, 'Paste only the key, without the word "Bearer".', 'key_bearer');
    if (/["'<>[\]{}]/.test(key)) return void ruleIssue(context, 'Paste the key alone, without quotes or brackets around it.', 'key_wrapped');
    if (/\s/.test(key)) return void ruleIssue(context, 'The key cannot contain spaces or line breaks.', 'key_spaces');
    const bad = badKeyCharacterAt(key);
    if (bad) return void ruleIssue(context, badKeyCharacter(key)!, 'key_character', bad);
    if (key.length < 16) return void ruleIssue(context, 'That is too short to be a HelpCrunch API key.', 'key_short');
    if (key.length > API_KEY_MAX_LENGTH) ruleIssue(context, 'That is too long to be a HelpCrunch API key.', 'key_long');
  });

export const keyStatusSchema = z.object({
  state: z.enum(['missing', 'keychain', 'session']),
  /** The last 4 characters, so the user can tell keys apart; the key itself never leaves main. */
  last4: z.string().nullable(),
  /** The origin the key was saved for; it is sent nowhere else. */
  origin: z.string().nullable(),
  /** True when the base URL's origin is not the key's: requests go without it until the user re-enters or confirms. */
  withheld: z.boolean(),
});

export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  retryInMs: z.number().optional(),
  reason: z.string().max(64).optional(),
  params: z.record(z.string().max(64), z.union([z.string().max(2000), z.number()])).optional(),
});

export const settingsSchema = z.object({
  profile: z.string(),
  baseUrl: z.object({ value: z.string(), source: z.enum(['default', 'env', 'settings']) }),
  key: keyStatusSchema,
  /** Entries older than this many days are removed at startup; null keeps everything. */
  retentionDays: z.number().int().nullable(),
  /** Null when the keychain works; otherwise what is wrong and how to fix it. */
  keychainProblem: appErrorSchema.nullable(),
});

export type Settings = z.infer<typeof settingsSchema>;
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const connectionVerdictSchema = z.object({
  verdict: z.enum(['works', 'no_key', 'wrong_key', 'rate_limited', 'offline', 'unexpected']),
  message: z.string(),
});

export type ConnectionVerdict = z.infer<typeof connectionVerdictSchema>;
