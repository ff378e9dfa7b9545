/// <reference types="vite/client" />
import type { Api } from '../../shared/api-surface.ts';

declare global {
  interface Window {
    api: Api;
    /** Set once the first render is on screen; e2e waits on it instead of sleeping. */
    __eventDeskReady?: boolean;
  }
}
