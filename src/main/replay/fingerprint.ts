import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal data gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .toSorted()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two sends "the same event": name, customer and data (canonical). HelpCrunch has no
 * idempotency key, so this is how Event Desk knows an event was already delivered.
 */
export function fingerprint(event: { name: string; customer: number; data: unknown }): string {
  return createHash('sha256').update(`${event.name}\u0000${event.customer}\u0000${canonicalJson(event.data)}`).digest('base64url').slice(0, 32);
}
