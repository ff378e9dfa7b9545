import { z } from 'zod';

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MIN_LENGTH = 2;
export const RECENT_CUSTOMERS_LIMIT = 20;

/** Longer customer texts are cut: a profile field is a line, and a server's answer is not trusted. */
export const CUSTOMER_TEXT_MAX = 500;
/** lastSeen is kept as an integer of milliseconds between 1970 and 2200. */
export const LAST_SEEN_MAX = Date.UTC(2200, 0, 1);

const customerText = z.string().max(CUSTOMER_TEXT_MAX).nullable();

/** What the picker shows of a HelpCrunch customer; fields HelpCrunch may leave empty are null. */
export const customerSchema = z.object({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  name: customerText,
  email: customerText,
  userId: customerText,
  company: customerText,
  /** Milliseconds since the epoch, or null when HelpCrunch has never seen them. */
  lastSeen: z.number().int().min(0).max(LAST_SEEN_MAX).nullable(),
});

export type Customer = z.infer<typeof customerSchema>;

/** The picker's text: trimmed, at most 200 characters, and worth a request (2+ characters or an id). */
export const customerQuerySchema = z
  .string()
  .trim()
  .max(SEARCH_MAX_LENGTH, `Search text is too long: keep it to ${SEARCH_MAX_LENGTH} characters.`)
  .refine((text) => text.length >= SEARCH_MIN_LENGTH || /^[1-9]\d*$/.test(text), `Type at least ${SEARCH_MIN_LENGTH} characters, or a customer id.`);

export const customerPageSchema = z.object({ customers: z.array(customerSchema), total: z.number().int().nullable() });
export type CustomerPage = z.infer<typeof customerPageSchema>;

/** A whole number that can be a HelpCrunch customer id. */
export function asCustomerId(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[1-9]\d*$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

/** A line that names a customer even when HelpCrunch has no name or email for them. */
export function customerLabel(customer: Pick<Customer, 'id' | 'name' | 'email' | 'userId'>): string {
  return customer.name ?? customer.email ?? (customer.userId ? `User ${customer.userId}` : `Customer #${customer.id}`);
}
