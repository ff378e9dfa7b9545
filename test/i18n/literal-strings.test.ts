import { describe, expect, it } from 'vitest';
import { findLiteralStrings } from '../../scripts/i18n/find-literal-strings.ts';

const texts = (source: string, allow?: string[]) => findLiteralStrings(source, 'fixture.tsx', allow === undefined ? {} : { allow }).map((found) => found.text);

describe('findLiteralStrings', () => {
  it('finds text children, with where they are', () => {
    const source = ['export function A() {', '  return (', '    <nav>', '      Compose <kbd>{modKey}+1</kbd>', '    </nav>', '  );', '}'].join('\n');
    expect(findLiteralStrings(source, 'a.tsx')).toEqual([{ line: 4, column: 7, text: 'Compose', kind: 'text' }]);
  });

  it('finds user-facing attributes written as strings, expressions or templates', () => {
    const source = `const a = <>
      <input placeholder="Search events" title={'Filter'} aria-label={\`Account: \${name}\`} className="chip warn" data-testid="search" />
      <img alt="" src={logo} />
    </>;`;
    expect(findLiteralStrings(source)).toMatchObject([
      { kind: 'attribute', attribute: 'placeholder', text: 'Search events' },
      { kind: 'attribute', attribute: 'title', text: 'Filter' },
      { kind: 'attribute', attribute: 'aria-label', text: 'Account:' },
    ]);
  });

  it('finds strings shown as children through conditions and templates', () => {
    expect(texts(`const a = <p>{ok ? 'Sent' : failed && 'Failed'} {\`\${count} entries\`} {(label as string)}</p>;`)).toEqual(['Sent', 'Failed', 'entries']);
    expect(texts("const a = <p title={`Account${production ? ' (production)' : ''}`} />;")).toEqual(['Account', '(production)']);
  });

  it('finds text in elements nested anywhere, in any script', () => {
    expect(texts('const a = items.map((item) => cond && <li key={item}><b>Видалити</b> wpisów</li>);')).toEqual(['Видалити', 'wpisów']);
  });

  it('accepts translated text, symbols, numbers and allowed names', () => {
    const source = `export const A = () => (
      <header aria-label={t('nav.views')}>
        <h1>Event Desk</h1>
        {t('nav.compose')} <kbd>⌘+1</kbd> — {count} · {'→'} 42
        <FormattedMessage id="history.entryCount" values={{ count }} />
        <span className={\`chip \${warn ? 'warn' : ''}\`} data-testid="outbox-badge">{waiting}</span>
      </header>
    );`;
    expect(texts(source, ['Event Desk'])).toEqual([]);
    expect(texts(source)).toEqual(['Event Desk']);
  });

  it('reports the line and column of multi-byte text correctly', () => {
    const source = "const a = '••••';\nconst b = <p>\n  Ключ\n</p>;";
    expect(findLiteralStrings(source)).toEqual([{ line: 3, column: 3, text: 'Ключ', kind: 'text' }]);
  });

  it('refuses a file that does not parse, rather than passing it', () => {
    expect(() => findLiteralStrings('const a = <p>unclosed;', 'broken.tsx')).toThrow(/broken\.tsx/);
  });
});
