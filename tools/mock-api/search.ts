import type { MockCustomer } from './customers.ts';

type FieldKind = 'integer' | 'string';
const FIELDS: Record<string, { kind: FieldKind; read: (customer: MockCustomer) => string | number | null }> = {
  'customers.id': { kind: 'integer', read: (c) => c.id },
  'customers.name': { kind: 'string', read: (c) => c.name },
  'customers.email': { kind: 'string', read: (c) => c.email },
  'customers.userId': { kind: 'string', read: (c) => c.userId },
  'customers.company': { kind: 'string', read: (c) => c.company },
  'customers.phone': { kind: 'string', read: (c) => c.phone },
  'customers.countryCode': { kind: 'string', read: (c) => c.location.countryCode },
  'customers.city': { kind: 'string', read: (c) => c.location.city },
  'customers.regionCode': { kind: 'string', read: (c) => c.location.regionCode },
  'customers.lastSeen': { kind: 'integer', read: (c) => (c.lastSeen === null ? null : Number(c.lastSeen)) },
  'customers.firstSeen': { kind: 'integer', read: (c) => (c.firstSeen === null ? null : Number(c.firstSeen)) },
};
const OPERATORS = new Set(['=', '!=', '~', '!~', '>', '<', '>=', '<=']);
const SORTS: Record<string, (c: MockCustomer) => number> = {
  'customers.firstSeen': (c) => Number(c.firstSeen ?? 0),
  'customers.lastSeen': (c) => Number(c.lastSeen ?? 0),
};

export type SearchAnswer = { status: 200; body: { data: MockCustomer[]; total: number } } | { status: 400; body: { errors: { code: string; message: string }[] } };

function invalid(code: string, message: string): SearchAnswer {
  return { status: 400, body: { errors: [{ code: 'invalid_request', message: 'Invalid request' }, { code, message }] } };
}

/** POST /v1/customers/search as documented: filters with operators, AND/OR, paging and sorting. */
export function searchCustomers(customers: MockCustomer[], request: unknown): SearchAnswer {
  const body = (request ?? {}) as Record<string, unknown>;
  const filters = body.filter;
  if (!Array.isArray(filters) || filters.length === 0) return invalid('filter', 'This value should not be blank.');
  const comparison = body.comparison ?? 'AND';
  if (comparison !== 'AND' && comparison !== 'OR') return invalid('comparison', 'The value you selected is not a valid choice.');
  const limit = body.limit ?? 100;
  const offset = body.offset ?? 0;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit', 'This value should be between 1 and 100.');
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) return invalid('offset', 'This value should be 0 or more.');
  const predicates: ((c: MockCustomer) => boolean)[] = [];
  for (const [index, raw] of filters.entries()) {
    const filter = (raw ?? {}) as Record<string, unknown>;
    const field = FIELDS[String(filter.field)];
    if (!field) return invalid(`filter[${index}].field`, 'This value is not valid.');
    const operator = String(filter.operator);
    if (!OPERATORS.has(operator)) return invalid(`filter[${index}].operator`, 'This value is not valid.');
    const value = filter.value;
    if (field.kind === 'integer' && (typeof value !== 'number' || !Number.isInteger(value))) return invalid(`filter[${index}].value`, 'This value should be of type integer.');
    if (field.kind === 'string' && typeof value !== 'string') return invalid(`filter[${index}].value`, 'This value should be of type string.');
    predicates.push((customer) => compare(field.read(customer), operator, value as string | number));
  }
  const matches = customers.filter((c) => (comparison === 'OR' ? predicates.some((p) => p(c)) : predicates.every((p) => p(c))));
  const sort = SORTS[String(body.sort ?? '')];
  if (sort) {
    const direction = body.order === 'asc' ? 1 : -1;
    matches.sort((a, b) => direction * (sort(a) - sort(b)) || a.id - b.id);
  }
  return { status: 200, body: { data: matches.slice(offset, offset + limit), total: matches.length } };
}

function compare(actual: string | number | null, operator: string, expected: string | number): boolean {
  if (actual === null) return operator === '!=' || operator === '!~';
  if (operator === '~' || operator === '!~') {
    // Case-insensitive: HelpCrunch does not document it; the app must not depend on either.
    const contains = String(actual).toLowerCase().includes(String(expected).toLowerCase());
    return operator === '~' ? contains : !contains;
  }
  switch (operator) {
    case '=': return actual === expected;
    case '!=': return actual !== expected;
    case '>': return actual > expected;
    case '<': return actual < expected;
    case '>=': return actual >= expected;
    default: return actual <= expected;
  }
}
