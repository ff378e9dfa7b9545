import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The check `npm run lint` runs: it fails on English written into a view, not on a shortcut's key name.

const folder = mkdtempSync(join(tmpdir(), 'event-desk-literals-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function check(source: string): { status: number; output: string } {
  const file = join(folder, 'view.tsx');
  writeFileSync(file, source);
  try {
    return { status: 0, output: execFileSync(process.execPath, ['scripts/i18n/check-literal-strings.ts', file], { encoding: 'utf8' }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, output: failed.stdout };
  }
}

describe('check-literal-strings', () => {
  it('fails on a hard-coded sentence, and names it', () => {
    const result = check('export const View = () => <p title="Send it">Hello there</p>;');
    expect(result.status).toBe(1);
    expect(result.output).toContain('"Hello there"');
    expect(result.output).toContain('title=');
  });

  it("passes keyboard shortcuts' key names, the product's name and translated text", () => {
    const source = 'export const View = ({ t, modKey }) => <div><kbd>{modKey}+Enter</kbd><kbd>{modKey}+S</kbd><kbd>{modKey}+K</kbd><h1>Event Desk</h1>{t("nav.compose")}</div>;';
    expect(check(source)).toEqual({ status: 0, output: '' });
  });
});
