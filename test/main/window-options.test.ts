import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../src/main/window-options.ts';

describe('secureWebPreferences', () => {
  it('locks the renderer down', () => {
    expect(secureWebPreferences('/p/index.cjs')).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});
