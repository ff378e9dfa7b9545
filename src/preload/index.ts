import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/api-surface.ts';
import { channelNames, pushNames } from '../shared/channels.ts';

/** window.api: one named function per contract channel, never a raw ipcRenderer. */
const api = buildApi(
  channelNames,
  (channel, input) => ipcRenderer.invoke(channel, input),
  (push, listener) => {
    if (!(pushNames as readonly string[]).includes(push)) throw new Error(`Unknown push "${push}"`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(push, wrapped);
    return () => ipcRenderer.removeListener(push, wrapped);
  },
);

contextBridge.exposeInMainWorld('api', api);
