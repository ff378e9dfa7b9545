import { NESTING_MAX } from '../../../shared/nesting.ts';

/**
 * nestedDeeperThan(value, max) for values on the planning path, where it runs for every line of a
 * file: the same rule (the value itself is level 1 when it is an object or array), walked by
 * recursion that stops at the limit — so never more than `max` + 1 frames deep whatever the value
 * holds — and allocates nothing, where the general walker keeps a stack of objects.
 */
export function deeperThan(value: unknown, max = NESTING_MAX, level = 1): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (level > max) return true;
  if (Array.isArray(value)) {
    for (const child of value) if (child !== null && typeof child === 'object' && deeperThan(child, max, level + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && deeperThan(child, max, level + 1)) return true;
  }
  return false;
}
