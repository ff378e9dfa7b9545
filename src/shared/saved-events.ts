import { z } from 'zod';
import { customerIdSchema, eventNameSchema } from './event.ts';
import { checkTemplate, inputFieldSchema, inputValue } from './template.ts';

export const TITLE_MAX = 120;

/** An account's (profile's) id, as src/shared/contract.ts spells it. */
export const accountIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'Not an account id.');

/** A saved event as the user edits it: every field bounded, the template checked by the grammar. */
export const savedEventDraftSchema = z
  .object({
    title: z.string().trim().min(1, 'Give it a title, like "Refund issued".').max(TITLE_MAX, `Keep the title to ${TITLE_MAX} characters.`),
    name: eventNameSchema,
    description: z.string().max(1000, 'Keep the description to 1,000 characters.').default(''),
    template: z.record(z.string(), z.unknown(), { error: 'The data template must be a JSON object.' }),
    fields: z.array(inputFieldSchema).max(20, 'At most 20 fields.').default([]),
    defaultCustomer: customerIdSchema.nullable().default(null),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    /** The accounts (profile ids) that see it; empty: every account (the library is shared). */
    accounts: z.array(accountIdSchema).max(50).optional(),
  })
  // A yes/no field is always answered (unticked is "no"), so it is never "required".
  .transform((draft) => ({ ...draft, fields: draft.fields.map((field) => (field.type === 'yesno' ? { ...field, required: false } : field)) }))
  .superRefine((draft, context) => {
    const keys = draft.fields.map((field) => field.key);
    const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
    if (repeated) context.addIssue({ code: 'custom', path: ['fields'], message: `Two fields are called "${repeated}".`, params: { rule: 'fields_repeated', name: repeated } });
    for (const [index, field] of draft.fields.entries()) {
      if (field.type === 'choice' && field.choices.length === 0) context.addIssue({ code: 'custom', path: ['fields', index, 'choices'], message: `Give "${field.label}" at least one choice.`, params: { rule: 'choice_missing', label: field.label } });
      if (field.default !== undefined && field.default.trim() !== '') {
        const checked = inputValue({ ...field, required: false }, field.default);
        if ('problem' in checked) context.addIssue({ code: 'custom', path: ['fields', index, 'default'], message: `Default: ${checked.problem}` });
      }
    }
    if (new TextEncoder().encode(JSON.stringify(draft.template)).length > 64 * 1024) context.addIssue({ code: 'custom', path: ['template'], message: 'The template is larger than 64 KiB.', params: { rule: 'template_large' } });
    const problems = checkTemplate(draft.template, draft.fields);
    if (problems.length > 0) context.addIssue({ code: 'custom', path: ['template'], message: `${problems[0]!.path ? `${problems[0]!.path}: ` : ''}${problems[0]!.message}` });
  });
export type SavedEventDraft = z.input<typeof savedEventDraftSchema>;

export const savedEventSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  name: z.string(),
  description: z.string(),
  template: z.record(z.string(), z.unknown()),
  fields: z.array(inputFieldSchema),
  defaultCustomer: z.number().nullable(),
  tags: z.array(z.string()),
  /** Empty: shared by every account. */
  accounts: z.array(z.string()),
  /** The workspace file it mirrors ("saved/refund-issued.yaml"), or null: this computer's own. */
  file: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type SavedEvent = z.infer<typeof savedEventSchema>;

export const LIBRARY_FORMAT = 'event-desk-library';

/** The library file (docs/library.schema.json). */
export const libraryFileSchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  events: z.array(z.unknown()).max(10_000),
});

export const importReportSchema = z.object({
  added: z.array(z.string()),
  updated: z.array(z.string()),
  skipped: z.array(z.object({ title: z.string(), reason: z.string() })),
  /** Same title, different content: what the user decides on (nothing was changed for these). */
  conflicts: z.array(z.string()),
});
export type ImportReport = z.infer<typeof importReportSchema>;
