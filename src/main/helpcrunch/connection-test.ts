import type { ConnectionVerdict } from '../../shared/settings.ts';
import { classify } from './classify.ts';
import type { HelpCrunchClient } from './client.ts';

/** One cheap authenticated call (a one-customer list), judged in words. Not retried: the user is waiting. */
export async function testConnection(client: HelpCrunchClient, now = Date.now): Promise<ConnectionVerdict> {
  const verdict = classify(await client.call('GET', '/customers?limit=1&offset=0', undefined, { retry: false }), now());
  switch (verdict.kind) {
    case 'ok':
      return typeof verdict.body === 'object' && verdict.body !== null
        ? { verdict: 'works', message: 'Connected: HelpCrunch accepted the key.' }
        : { verdict: 'unexpected', message: `HelpCrunch answered ${verdict.status}, but not with JSON.` };
    case 'no_key':
      return { verdict: 'no_key', message: verdict.message };
    case 'network':
    case 'timeout':
      return { verdict: 'offline', message: verdict.message };
    case 'unauthorized': {
      const detail = verdict.errors.map((item) => item.message).join('; ');
      return { verdict: 'wrong_key', message: `HelpCrunch did not accept this key (401${detail ? `: ${detail}` : ''}). Copy it again from Settings → Developers → Public API.` };
    }
    case 'rate_limited':
      return { verdict: 'rate_limited', message: 'The key works, but the account is over its rate limit right now (429). Wait a minute.' };
    case 'not_found':
    case 'rejected':
    case 'server_error':
    case 'unexpected':
      return { verdict: 'unexpected', message: `HelpCrunch answered with status ${verdict.status}: ${'detail' in verdict ? verdict.detail : 'not found'}` };
  }
}
