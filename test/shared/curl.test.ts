import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toCurl } from '../../src/shared/curl.ts';

describe('toCurl', () => {
  const event = { name: "Customer's refund", customer: 1001, data: { note: `it's "fine" $HOME \`x\`` } };

  it('uses $HELPCRUNCH_API_KEY, never a key', () => {
    const curl = toCurl('https://api.helpcrunch.com/v1', event);
    expect(curl).toContain('Authorization: Bearer $HELPCRUNCH_API_KEY');
    expect(curl).toContain("curl -X POST 'https://api.helpcrunch.com/v1/events'");
  });

  it('quotes the body so a shell passes it through unchanged', () => {
    const curl = toCurl('https://api.helpcrunch.com/v1', event);
    // Replace curl with printf to see exactly what the shell hands over as the body.
    const script = curl.replace(/^curl[\s\S]*--data-raw /, "printf '%s' ");
    const body = execFileSync('sh', ['-c', script], { env: { HOME: '/should-not-expand' } }).toString();
    expect(JSON.parse(body)).toEqual(event);
  });
});
