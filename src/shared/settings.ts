import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.helpcrunch.com/v1';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** HTTPS anywhere; plain HTTP only to this machine (the mock server, a local proxy). */
export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the API base URL.')
  .superRefine((text, context) => {
    // One message at a time, from the most basic problem on.
    if (text === '') return;
    if (!URL.canParse(text)) return void context.addIssue('Enter a full URL such as https://api.helpcrunch.com/v1.');
    const url = new URL(text);
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
      return void context.addIssue('Use https:// — plain http:// is only allowed for this computer (localhost, 127.0.0.1).');
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      context.addIssue('The base URL cannot contain a query, a fragment or credentials.');
    }
  })
  .transform((text) => text.replace(/\/+$/, ''));

/** The key is sent bare as `Bearer <key>`, so anything around it would break authentication. */
export const apiKeySchema = z
  .string()
  .trim()
  .min(1, 'Paste the API key from HelpCrunch: Settings → Developers → Public API.')
  .refine((key) => !/^bearer\s/i.test(key), 'Paste only the key, without the word "Bearer".')
  .refine((key) => !/["'<>[\]{}]/.test(key), 'Paste the key alone, without quotes or brackets around it.')
  .refine((key) => !/\s/.test(key), 'The key cannot contain spaces or line breaks.')
  .refine((key) => key.length >= 16, 'That is too short to be a HelpCrunch API key.')
  .refine((key) => key.length <= 4096, 'That is too long to be a HelpCrunch API key.');

export const keyStatusSchema = z.object({
  state: z.enum(['missing', 'keychain', 'session']),
  /** The last 4 characters, so the user can tell keys apart; the key itself never leaves main. */
  last4: z.string().nullable(),
});

export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  retryInMs: z.number().optional(),
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
