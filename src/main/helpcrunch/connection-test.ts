import type { ConnectionVerdict } from '../../shared/settings.ts';
import type { HelpCrunchClient } from './client.ts';
import { errorItems, excerpt } from './response-body.ts';

/** One cheap authenticated call (a one-customer list), judged in words. Not retried: the user is waiting. */
export async function testConnection(client: HelpCrunchClient): Promise<ConnectionVerdict> {
  const result = await client.call('GET', '/customers?limit=1&offset=0', undefined, { retry: false });
  switch (result.kind) {
    case 'no_key':
      return { verdict: 'no_key', message: result.message };
    case 'network':
    case 'timeout':
      return { verdict: 'offline', message: result.message };
    case 'response': {
      const { status, body, bodyText } = result;
      if (status === 200 && typeof body === 'object' && body !== null) {
        return { verdict: 'works', message: 'Connected: HelpCrunch accepted the key.' };
      }
      if (status === 401) {
        const detail = errorItems(body).map((item) => item.message).join('; ');
        return { verdict: 'wrong_key', message: `HelpCrunch did not accept this key (401${detail ? `: ${detail}` : ''}). Copy it again from Settings → Developers → Public API.` };
      }
      if (status === 429) {
        return { verdict: 'rate_limited', message: 'The key works, but the account is over its rate limit right now (429). Wait a minute.' };
      }
      return { verdict: 'unexpected', message: `HelpCrunch answered with status ${status}: ${excerpt(bodyText)}` };
    }
  }
}
