import type { HelpCrunchEvent } from './event.ts';

/** POSIX shell single-quoting: 'it'\''s' */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The send as a curl command. The key is written as $HELPCRUNCH_API_KEY (in double quotes so the
 * shell expands it): the real key is never put on the clipboard.
 */
export function toCurl(baseUrl: string, event: HelpCrunchEvent): string {
  return [
    `curl -X POST ${shellQuote(`${baseUrl}/events`)}`,
    `  -H "Authorization: Bearer $HELPCRUNCH_API_KEY"`,
    `  -H 'Content-Type: application/json'`,
    `  --data-raw ${shellQuote(JSON.stringify(event))}`,
  ].join(' \\\n');
}
