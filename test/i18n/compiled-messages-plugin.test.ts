import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE_PATTERN, compileCatalogue, compiledMessages } from '../../scripts/i18n/compiled-messages-plugin.ts';

const outDir = mkdtempSync(join(tmpdir(), 'event-desk-i18n-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('compileCatalogue', () => {
  it('parses each message to its AST and names the key of one that does not parse', () => {
    expect(compileCatalogue({ a: 'Hi {name}' }).a).toEqual([{ type: 0, value: 'Hi ' }, { type: 1, value: 'name' }]);
    expect(() => compileCatalogue({ 'nav.broken': 'Hi {name' })).toThrow(/"nav.broken" is not valid ICU MessageFormat/);
  });

  it('uses the parser version react-intl runs, so the AST it writes is the one the runtime reads', () => {
    const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, Record<string, string>>;
    const runtime = json('../../node_modules/react-intl/package.json').dependencies!['@formatjs/icu-messageformat-parser'];
    expect(json('../../package.json').devDependencies!['@formatjs/icu-messageformat-parser']).toBe(runtime);
    expect(json('../../node_modules/@formatjs/icu-messageformat-parser/package.json').version).toBe(runtime);
  });

  it('applies to the renderer catalogues only', () => {
    expect(CATALOGUE_PATTERN.test('/work/main/src/renderer/src/i18n/messages/pl.json')).toBe(true);
    expect(CATALOGUE_PATTERN.test('C:\\app\\src\\renderer\\src\\i18n\\messages\\uk.json')).toBe(true);
    expect(CATALOGUE_PATTERN.test('/work/main/docs/library.schema.json')).toBe(false);
  });
});

/** Builds the fixture entry as a library into its own folder; returns the bundle's path and text. */
async function buildFixture(name: string, plugins: ReturnType<typeof compiledMessages>[]): Promise<{ path: string; code: string }> {
  const dir = join(outDir, name);
  await build({
    configFile: false,
    logLevel: 'silent',
    plugins,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: dir,
      minify: false,
      lib: { entry: fileURLToPath(new URL('fixtures/format-entry.ts', import.meta.url)), formats: ['es'], fileName: 'bundle' },
    },
  });
  const [file] = readdirSync(dir).filter((entry) => entry.endsWith('.js'));
  const path = join(dir, file!);
  return { path, code: readFileSync(path, 'utf8') };
}

// Error names only the ICU parser contains.
const PARSER = /EXPECT_ARGUMENT_CLOSING_BRACE|MALFORMED_ARGUMENT|UNCLOSED_QUOTE_IN_ARGUMENT_STYLE/;

describe('a renderer build with the plugin', () => {
  it('ships precompiled catalogues, no ICU parser and no eval, and still formats Polish plurals', async () => {
    const { path, code } = await buildFixture('with-plugin', [compiledMessages()]);
    expect(code).not.toMatch(PARSER);
    // The renderer's Content-Security-Policy has no 'unsafe-eval'.
    expect(code).not.toMatch(/\beval\(|new Function\b/);
    const bundle = (await import(path)) as typeof import('./fixtures/format-entry.ts');
    expect(Array.isArray(bundle.catalogues.pl['history.entryCount'])).toBe(true);
    expect([1, 2, 5, 22, 112].map((count) => bundle.format('pl', 'history.entryCount', { count }))).toEqual(['1 wpis', '2 wpisy', '5 wpisów', '22 wpisy', '112 wpisów']);
    expect(bundle.format('uk', 'history.entryCount', { count: 21 })).toBe('21 запис');
  });
});

describe('a renderer build without the plugin', () => {
  it('ships the parser and parses at run time (so the check above is meaningful)', async () => {
    const { path, code } = await buildFixture('without-plugin', []);
    expect(code).toMatch(PARSER);
    expect(code).not.toMatch(/\beval\(|new Function\b/);
    const bundle = (await import(path)) as typeof import('./fixtures/format-entry.ts');
    expect(bundle.format('pl', 'history.entryCount', { count: 22 })).toBe('22 wpisy');
  });
});
