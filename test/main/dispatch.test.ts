import { describe, expect, it, vi } from 'vitest';
import { dispatch, registerHandlers, type Handlers } from '../../src/main/ipc/dispatch.ts';
import { channelNames } from '../../src/shared/channels.ts';
import { contract } from '../../src/shared/contract.ts';
import { ok } from '../../src/shared/result.ts';

function fakeHandlers(): Handlers {
  const handlers = {} as Record<string, unknown>;
  for (const channel of channelNames) handlers[channel] = vi.fn(async (input: unknown) => ok({ echoed: input }));
  return handlers as Handlers;
}

describe('IPC dispatch', () => {
  it('the contract defines exactly the channel names the preload exposes', () => {
    expect(Object.keys(contract).toSorted()).toEqual([...channelNames].toSorted());
  });

  it('parses input with the contract before the handler sees it', async () => {
    const handlers = fakeHandlers();
    const result = await dispatch(handlers, 'events:send', { name: '  Call  ', customer: 5, data: {} });
    expect(result).toEqual({ ok: true, value: { echoed: { name: 'Call', customer: 5, data: {} } } });
  });

  it.each([
    ['events:send', { name: 'x', customer: '5', data: {} }, 'customer'],
    ['events:send', { name: 'x', customer: 5, data: [] }, 'data'],
    ['key:set', { key: 'Bearer abcdefghijklmnopqrstuv', sessionOnly: false }, 'Bearer'],
    ['settings:setBaseUrl', { baseUrl: 'http://example.com' }, 'https'],
    ['history:list', { limit: 100_000, beforeId: null }, 'limit'],
  ])('refuses bad input on %s without calling the handler', async (channel, input, fragment) => {
    const handlers = fakeHandlers();
    const result = await dispatch(handlers, channel, input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid_input');
    expect(!result.ok && result.error.message).toContain(fragment);
    expect(handlers[channel as keyof Handlers]).not.toHaveBeenCalled();
  });

  it('refuses unknown channels, including prototype names', async () => {
    expect(await dispatch(fakeHandlers(), 'toString', undefined)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('turns a thrown error into a Result instead of crossing IPC', async () => {
    const handlers = fakeHandlers();
    handlers['history:get'] = async () => {
      throw new Error('disk on fire');
    };
    expect(await dispatch(handlers, 'history:get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('disk on fire') } });
  });

  it('registers every channel and refuses untrusted senders', async () => {
    const registered = new Map<string, (event: { trusted: boolean }, input: unknown) => Promise<unknown>>();
    const handlers = fakeHandlers();
    registerHandlers({ handle: (channel, listener) => registered.set(channel, listener) }, handlers, (event: { trusted: boolean }) => event.trusted);
    expect([...registered.keys()].toSorted()).toEqual([...channelNames].toSorted());
    expect(await registered.get('history:get')!({ trusted: false }, { id: 1 })).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(await registered.get('history:get')!({ trusted: true }, { id: 1 })).toMatchObject({ ok: true });
  });
});
