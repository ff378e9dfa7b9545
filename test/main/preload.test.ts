import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../src/shared/channels.ts';

// The preload runs only inside Electron; here Electron's two objects it touches are stood in for, so
// what it exposes and how it forwards can be checked without the binary.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

describe('preload', () => {
  beforeEach(async () => {
    await import('../../src/preload/index.ts');
  });

  it('exposes one function per contract channel and nothing raw', () => {
    const api = exposed.api as Record<string, Record<string, unknown>>;
    const names = Object.entries(api).flatMap(([namespace, group]) => (typeof group === 'function' ? [namespace] : Object.keys(group).map((verb) => `${namespace}:${verb}`)));
    expect(names.filter((name) => name !== 'on').toSorted()).toEqual([...channelNames].toSorted());
    expect(Object.isFrozen(api)).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipcRenderer|invoke/);
  });

  it('forwards calls to the named channel and pushes to listeners', async () => {
    const api = exposed.api as { events: { send: (input: unknown) => Promise<unknown> }; on: (push: string, listener: (payload: unknown) => void) => () => void };
    expect(await api.events.send({ name: 'x' })).toEqual({ ok: true, value: { channel: 'events:send', input: { name: 'x' } } });
    const seen: unknown[] = [];
    const stop = api.on('history:changed', (payload) => seen.push(payload));
    listeners.get('history:changed')?.({}, { id: 7 });
    expect(seen).toEqual([{ id: 7 }]);
    stop();
    expect(listeners.has('history:changed')).toBe(false);
    expect(() => api.on('not-a-push', () => {})).toThrow('Unknown push');
  });
});
