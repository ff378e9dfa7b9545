import { contract, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/contract.ts';
import { fail, type Result } from '../../shared/result.ts';
import { Failure } from '../core/index.ts';

/** A handler gets input already parsed by the contract and returns a Result. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<Result<OutputOf<C>>> };

/** A handler that also gets the account (scope) its call resolved once, at its start. */
export type ScopedHandlers<S> = { [C in Channel]: (input: ParsedInputOf<C>, scope: S) => Promise<Result<OutputOf<C>>> };

/**
 * Each call resolves its account once, when it starts, and keeps it however long it awaits: a
 * request that waits 15 s for a customer lookup still sends in the account it began in, even if
 * the user switched meanwhile. Handlers have no other way to reach an account's services.
 */
export function scopePerCall<S>(handlers: ScopedHandlers<S>, resolve: () => S): Handlers {
  const bound: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [Channel, (input: unknown, scope: S) => Promise<Result<unknown>>][]) {
    bound[channel] = (input) => handler(input, resolve());
  }
  return bound as unknown as Handlers;
}

/**
 * The one door from the renderer into main: renderer input is untrusted, so it is parsed with the
 * channel's schema before any service sees it, and nothing throws across IPC. Parsing is inside
 * the try: input that makes a schema throw (cyclic, too deep to serialize) is still a Result.
 */
export async function dispatch(handlers: Handlers, channel: string, input: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) return fail('unknown_channel', `There is no IPC channel "${String(channel).slice(0, 80)}".`);
  const known = channel as Channel;
  let parsed;
  try {
    parsed = contract[known].input.safeParse(input);
  } catch (error) {
    return fail('invalid_input', `This input cannot be read (${(error as Error).message?.slice(0, 200) ?? 'unreadable'}).`);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return fail('invalid_input', `${where}${issue?.message ?? 'Invalid input.'}`.slice(0, 500));
  }
  try {
    const handler = handlers[known] as (value: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.toAppError() };
    return fail('internal', `Something went wrong in Event Desk: ${(error as Error).message}`);
  }
}

/** The part of Electron's ipcMain that registration needs, so a test bridge can stand in. */
export interface IpcMainLike<Event> {
  handle(channel: string, listener: (event: Event, input: unknown) => Promise<unknown>): void;
}

export function registerHandlers<Event>(ipc: IpcMainLike<Event>, handlers: Handlers, isTrustedSender: (event: Event) => boolean): void {
  for (const channel of Object.keys(contract)) {
    ipc.handle(channel, async (event, input) => {
      if (!isTrustedSender(event)) return fail('untrusted_sender', 'This request did not come from Event Desk\'s own window.');
      return dispatch(handlers, channel, input);
    });
  }
}
