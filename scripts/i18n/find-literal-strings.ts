import { parseSync } from 'vite';

/**
 * Finds user-facing text written straight into JSX — text children, user-facing attributes (aria-label,
 * title, placeholder…) and string expressions shown as children — so a check can fail on English left in a
 * translated UI. scripts/i18n/check-literal-strings.ts runs it over files, as part of `npm run lint`.
 *
 * It parses with Vite's own parser (Oxc, already installed): TypeScript 7's JavaScript API is an unstable
 * client of a separate process, too heavy for a per-file check.
 */

export interface LiteralString {
  line: number;
  column: number;
  text: string;
  /** Where the text sits: a JSX text child, an attribute's value, or a string expression shown as a child. */
  kind: 'text' | 'attribute' | 'expression';
  attribute?: string;
}

/** Attributes a person reads or hears. `className`, `data-testid`, `id`, `href`… are not. */
export const USER_FACING_ATTRIBUTES: ReadonlySet<string> = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'title',
  'placeholder',
  'label',
  'description',
  'errorMessage',
  'tooltip',
]);

export interface FindOptions {
  /** Texts that are the same in every language (the product name, "API", "JSON"). */
  allow?: Iterable<string>;
  attributes?: ReadonlySet<string>;
}

// Something a person reads: any letter of any script. "—", "+", "⌘", "·" and numbers are not words.
const LETTER = /\p{L}/u;

interface Node {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** Every text literal a person would see in `source` (a .tsx or .jsx file's text). */
export function findLiteralStrings(source: string, fileName = 'source.tsx', options: FindOptions = {}): LiteralString[] {
  const allow = new Set(options.allow ?? []);
  const attributes = options.attributes ?? USER_FACING_ATTRIBUTES;
  const result = parseSync(fileName, source, { lang: fileName.endsWith('.jsx') ? 'jsx' : 'tsx' });
  const firstError = result.errors[0];
  if (firstError) throw new Error(`${fileName}: ${firstError.message}`);

  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const found: LiteralString[] = [];
  const report = (node: Node, raw: string, kind: LiteralString['kind'], attribute?: string) => {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!LETTER.test(text) || allow.has(text)) return;
    // Point at the first character a person sees, not at the line break a JSX text starts with.
    const offset = node.start + (/\S/.exec(source.slice(node.start, node.end))?.index ?? 0);
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > offset) line -= 1;
    found.push({ line: line + 1, column: offset - lineStarts[line]! + 1, text, kind, ...(attribute === undefined ? {} : { attribute }) });
  };

  /** Strings an expression evaluates to directly: `'Sent'`, `` `${n} entries` ``, `ok ? 'Sent' : 'Failed'`. */
  const reportShown = (expression: unknown, kind: LiteralString['kind'], attribute?: string): void => {
    if (!isNode(expression)) return;
    switch (expression.type) {
      case 'Literal':
        if (typeof expression.value === 'string') report(expression, expression.value, kind, attribute);
        return;
      case 'TemplateLiteral':
        for (const quasi of expression.quasis as Node[]) report(quasi, String((quasi.value as { cooked?: string }).cooked ?? ''), kind, attribute);
        for (const inner of expression.expressions as Node[]) reportShown(inner, kind, attribute);
        return;
      case 'ConditionalExpression':
        reportShown(expression.consequent, kind, attribute);
        reportShown(expression.alternate, kind, attribute);
        return;
      case 'LogicalExpression':
        reportShown(expression.left, kind, attribute);
        reportShown(expression.right, kind, attribute);
        return;
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
        reportShown(expression.expression, kind, attribute);
        return;
      default:
      // A call (`t('nav.compose')`), a variable or a member is not a literal: its text is decided elsewhere.
    }
  };

  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    if (value.type === 'JSXElement' || value.type === 'JSXFragment') {
      for (const child of value.children as Node[]) {
        if (child.type === 'JSXText') report(child, String(child.value), 'text');
        else if (child.type === 'JSXExpressionContainer') reportShown(child.expression, 'expression');
      }
    }
    if (value.type === 'JSXAttribute') {
      const name = value.name as Node;
      const attribute = name.type === 'JSXIdentifier' ? String(name.name) : undefined;
      if (attribute !== undefined && attributes.has(attribute)) {
        const attributeValue = value.value as Node | null;
        if (attributeValue?.type === 'Literal') reportShown(attributeValue, 'attribute', attribute);
        else if (attributeValue?.type === 'JSXExpressionContainer') reportShown(attributeValue.expression, 'attribute', attribute);
      }
    }
    for (const [field, child] of Object.entries(value)) if (field !== 'type') visit(child);
  };
  visit(result.program);
  return found.toSorted((a, b) => a.line - b.line || a.column - b.column);
}
