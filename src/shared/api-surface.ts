import type { Channel, InputOf, OutputOf, Push, PushPayload } from './contract.ts';
import type { Result } from './result.ts';

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Verb<C extends string, N extends string> = C extends `${N}:${infer V}` ? V : never;

/** window.api as the renderer sees it: `api.events.send(input)` for channel `events:send`. */
export type Api = {
  [N in Namespace<Channel>]: {
    [V in Verb<Channel, N>]: `${N}:${V}` extends infer C extends Channel
      ? (input: InputOf<C>) => Promise<Result<OutputOf<C>>>
      : never;
  };
} & {
  on<P extends Push>(push: P, listener: (payload: PushPayload<P>) => void): () => void;
};

/**
 * Builds window.api from the channel names and a transport. It must stay self-contained (no
 * imports, no outer variables): the e2e bridge injects its source text into a plain page.
 */
export function buildApi(
  channelNames: readonly string[],
  invoke: (channel: string, input: unknown) => Promise<unknown>,
  subscribe: (push: string, listener: (payload: unknown) => void) => () => void,
): unknown {
  const api: Record<string, unknown> = {
    on: (push: string, listener: (payload: unknown) => void) => subscribe(push, listener),
  };
  for (const channel of channelNames) {
    const [namespace, verb] = channel.split(':') as [string, string];
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[verb] = (input: unknown) => invoke(channel, input);
  }
  return Object.freeze(api);
}
