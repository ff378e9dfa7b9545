import { z } from 'zod';
import type { ChannelName, PushName } from './channels.ts';
import { customerPageSchema, customerQuerySchema, customerSchema } from './customer.ts';
import { eventSchema } from './event.ts';
import { historyEntrySchema, historyPageSchema } from './history.ts';
import { apiKeySchema, baseUrlSchema, connectionVerdictSchema, settingsSchema } from './settings.ts';

/**
 * Every IPC channel, named `domain:verb`, with the schema main parses its input with and the shape
 * of its output. Main's registration, the preload's window.api, the renderer's hooks and the e2e
 * bridge are all derived from this one table.
 */
export const contract = {
  'settings:get': { input: z.undefined(), output: settingsSchema },
  'settings:setBaseUrl': { input: z.object({ baseUrl: baseUrlSchema.nullable() }), output: settingsSchema },
  'key:set': { input: z.object({ key: apiKeySchema, sessionOnly: z.boolean() }), output: settingsSchema },
  'key:remove': { input: z.undefined(), output: settingsSchema },
  'key:test': { input: z.undefined(), output: connectionVerdictSchema },
  'events:send': { input: eventSchema, output: historyEntrySchema },
  'history:list': {
    input: z.object({ limit: z.number().int().min(1).max(500), beforeId: z.number().int().nullable() }),
    output: historyPageSchema,
  },
  'history:get': { input: z.object({ id: z.number().int() }), output: historyEntrySchema },
  'customers:search': { input: z.object({ query: customerQuerySchema }), output: customerPageSchema },
  'customers:recent': { input: z.undefined(), output: z.array(customerSchema) },
  'customers:remember': { input: z.object({ customer: customerSchema }), output: z.array(customerSchema) },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

/** Messages main pushes to the renderer (no reply). */
export const pushes = {
  'history:changed': z.object({ id: z.number().int() }),
} as const satisfies Record<PushName, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Push = keyof typeof pushes;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.infer<Contract[C]['output']>;
export type PushPayload<P extends Push> = z.infer<(typeof pushes)[P]>;
