import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { powerShellQuote, toCurl, toPowerShellCurl } from '../../src/shared/curl.ts';

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

describe('toPowerShellCurl', () => {
  const event = { name: "Customer's refund", customer: 1001, data: { note: `it’s "fine" $env:PATH \`x\` @'` } };

  it('uses curl.exe and $env:HELPCRUNCH_API_KEY, never a key', () => {
    const text = toPowerShellCurl('https://api.helpcrunch.com/v1', event);
    expect(text).toContain('curl.exe -X POST');
    expect(text).toContain('"Authorization: Bearer $env:HELPCRUNCH_API_KEY"');
  });

  it('the body sits alone on one line of a literal here-string (nothing expands, nothing ends it early)', () => {
    const lines = toPowerShellCurl('https://api.helpcrunch.com/v1', event).split('\n');
    const start = lines.indexOf("@'");
    expect(lines[start + 2]!.startsWith("'@")).toBe(true);
    expect(JSON.parse(lines[start + 1]!)).toEqual(event);
  });

  it('single-quoting doubles every kind of single quote PowerShell knows', () => {
    expect(powerShellQuote("it's")).toBe("'it''s'");
    expect(powerShellQuote('it’s')).toBe("'it’’s'");
    expect(powerShellQuote('$env:X `n "q"')).toBe(`'$env:X \`n "q"'`);
  });

  const pwsh = ['pwsh', 'powershell'].find((shell) => {
    try {
      execFileSync(shell, ['-NoProfile', '-Command', 'exit 0'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!pwsh) console.log('SKIPPED: "PowerShell reads exactly the body" needs pwsh, which is not installed here; the quoting rules are unit-tested above.');
  it.skipIf(!pwsh)('PowerShell reads exactly the body from the here-string (skipped where pwsh is not installed)', () => {
    // The command up to the pipe: PowerShell evaluates the here-string and prints it.
    const lines = toPowerShellCurl('https://api.helpcrunch.com/v1', event).split('\n');
    const script = [...lines.slice(0, 3), "'@"].join('\n');
    const body = execFileSync(pwsh!, ['-NoProfile', '-Command', script]).toString().trim();
    expect(JSON.parse(body)).toEqual(event);
  });
});
