/**
 * How deep JSON may nest in what Event Desk reads from files (replay lines, rows and items, library
 * entries): far beyond any real event, and far short of the depth at which code that walks a value
 * recursively (canonical JSON, schema checks, JSON.stringify) overflows the stack.
 */
export const NESTING_MAX = 64;

export const TOO_DEEP = `nested too deeply (max ${NESTING_MAX} levels)`;

/**
 * Whether a parsed JSON value nests deeper than `max` levels (the value itself is level 1 when it is
 * an object or array). Walks with its own stack, so measuring a value nested 100,000 deep cannot
 * overflow; it stops at the first branch that is too deep.
 */
export function nestedDeeperThan(value: unknown, max = NESTING_MAX): boolean {
  const pending: { value: unknown; level: number }[] = [{ value, level: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.level > max) return true;
    for (const child of Object.values(next.value)) if (child !== null && typeof child === 'object') pending.push({ value: child, level: next.level + 1 });
  }
  return false;
}
