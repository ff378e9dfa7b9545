import type { Api } from '../../src/shared/api-surface.ts';

// The page's window.api, as seen from page.evaluate callbacks in specs.
declare global {
  interface Window {
    api: Api;
  }
}
