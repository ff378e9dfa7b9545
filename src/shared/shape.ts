import { z } from 'zod';

export const valueKindSchema = z.enum(['string', 'number', 'boolean', 'object', 'array', 'null']);
export type ValueKind = z.infer<typeof valueKindSchema>;

/** The usual shape of an event's data, learned from its recent sends. */
export const dataShapeSchema = z.object({
  /** How many recent sends it was learned from (0: nothing to learn from). */
  sample: z.number().int(),
  keys: z.array(z.object({ key: z.string(), kinds: z.array(valueKindSchema), share: z.number() })),
});
export type DataShape = z.infer<typeof dataShapeSchema>;

export function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' ? kind : 'object';
}

/** Keys usually present are those in at least this share of the sample. */
export const USUAL_SHARE = 0.9;

/** Gentle warnings for a draft against the usual shape (never a block): a usual key missing, another type. */
export function shapeWarnings(shape: DataShape, data: Record<string, unknown>): { key: string; message: string }[] {
  if (shape.sample < 3) return [];
  const warnings: { key: string; message: string }[] = [];
  for (const usual of shape.keys) {
    if (!Object.hasOwn(data, usual.key)) {
      if (usual.share >= USUAL_SHARE) warnings.push({ key: usual.key, message: `"${usual.key}" is in ${Math.round(usual.share * 100)}% of earlier sends of this event, but not here.` });
      continue;
    }
    const kind = kindOf(data[usual.key]);
    if (!usual.kinds.includes(kind)) warnings.push({ key: usual.key, message: `"${usual.key}" was always ${usual.kinds.join(' or ')} before; here it is ${kind}.` });
  }
  return warnings;
}
