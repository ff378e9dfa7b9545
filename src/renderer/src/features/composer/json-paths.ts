/** Where a value's key (or, for an array item, the value) is in a JSON text: offsets, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * The place of every key and item in a JSON text, by the path the tracking plan names it with
 * (`data`, `data.amount`, `data.items[0].sku`, `data["two words"]`: main's dataPath). The text must
 * be valid JSON (the composer checks the plan only then); anything else gives what was read so far.
 * A scanner of its own: the composer's Monaco has no public JSON tree, and a parser library for one
 * lookup per pause in typing is more than this needs.
 */
export function jsonPaths(text: string): Map<string, TextRange> {
  const paths = new Map<string, TextRange>();
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at += 1;
  };
  const readString = (): string => {
    const start = at;
    at += 1;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  // Recursive: it runs only for a draft the plan checked, which main bounds to 64 levels of nesting.
  const value = (path: string) => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at += 1;
      for (;;) {
        skipSpace();
        if (text[at] === '}' || at >= text.length) return void (at += 1);
        if (text[at] === ',') {
          at += 1;
          continue;
        }
        const keyStart = at;
        const key = readString();
        const child = childPath(path, key, false);
        paths.set(child, { start: keyStart, end: at });
        skipSpace();
        at += 1; // the colon
        value(child);
      }
    }
    if (char === '[') {
      at += 1;
      for (let index = 0; ; ) {
        skipSpace();
        if (text[at] === ']' || at >= text.length) return void (at += 1);
        if (text[at] === ',') {
          at += 1;
          continue;
        }
        const child = childPath(path, String(index), true);
        const start = at;
        value(child);
        if (!paths.has(child)) paths.set(child, { start, end: at });
        index += 1;
      }
    }
    if (char === '"') return void readString();
    while (at < text.length && !/[\s,}\]]/.test(text[at]!)) at += 1;
  };
  try {
    skipSpace();
    paths.set('data', { start: at, end: at + 1 });
    value('data');
  } catch {
    // A text that is not JSON after all: what was found so far.
  }
  return paths;
}

/** The range to mark for a violation's path: its key, else its nearest parent that is there (a missing key marks its object). */
export function rangeOf(paths: Map<string, TextRange>, path: string): TextRange | null {
  for (let current: string | null = path; current !== null; current = parentPath(current)) {
    const found = paths.get(current);
    if (found) return found;
  }
  return null;
}

function parentPath(path: string): string | null {
  const match = /(\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])$/.exec(path);
  return match ? path.slice(0, match.index) : null;
}

/** The same spelling as main's validator (src/main/plan/validator.ts childPath). */
function childPath(path: string, key: string, index: boolean): string {
  if (index) return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
