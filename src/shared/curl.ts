import type { HelpCrunchEvent } from './event.ts';

/** POSIX shell single-quoting: 'it'\''s' (bash, zsh, sh, fish accept it too). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single-quoting: nothing inside is expanded; a ' is written twice. Curly quotes count as quotes there. */
export function powerShellQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/**
 * The send as a curl command for bash/zsh. The key is written as $HELPCRUNCH_API_KEY (in double
 * quotes so the shell expands it): the real key is never put on the clipboard.
 */
export function toCurl(baseUrl: string, event: HelpCrunchEvent): string {
  return [
    `curl -X POST ${shellQuote(`${baseUrl}/events`)}`,
    `  -H "Authorization: Bearer $HELPCRUNCH_API_KEY"`,
    `  -H 'Content-Type: application/json'`,
    `  --data-raw ${shellQuote(JSON.stringify(event))}`,
  ].join(' \\\n');
}

/**
 * The send for PowerShell (Windows PowerShell 5.1 and PowerShell 7). `curl.exe`, because `curl` is
 * an alias of Invoke-WebRequest in 5.1. The body goes through stdin as UTF-8: PowerShell before 7.3
 * strips the double quotes of JSON passed as a native argument. JSON.stringify puts the body on one
 * line, so nothing in it can end the here-string (a line starting with '@).
 */
export function toPowerShellCurl(baseUrl: string, event: HelpCrunchEvent): string {
  return [
    '$OutputEncoding = [System.Text.UTF8Encoding]::new($false)',
    `@'`,
    JSON.stringify(event),
    `'@ | curl.exe -X POST ${powerShellQuote(`${baseUrl}/events`)} \``,
    `  -H "Authorization: Bearer $env:HELPCRUNCH_API_KEY" \``,
    `  -H 'Content-Type: application/json' \``,
    `  --data-binary '@-'`,
  ].join('\n');
}
