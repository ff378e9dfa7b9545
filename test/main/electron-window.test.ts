import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's objects stood in for: the window's options and handlers are what is under test.
const created: { options: Record<string, any>; handlers: Map<string, (...args: any[]) => unknown>; openHandler?: (details: { url: string }) => unknown }[] = [];
const openExternal = vi.fn(async () => {});
// What each window loaded: the built page (with its query) or the dev server's URL.
const loads: { file?: string; url?: string; options?: unknown }[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record = { options, handlers: new Map() } as (typeof created)[number];
      created.push(record);
      this.webContents = {
        on: (name: string, handler: (...args: unknown[]) => unknown) => record.handlers.set(name, handler),
        setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (record.openHandler = handler),
      };
    }
    once() {}
    loadURL(url: string) {
      loads.push({ url });
      return Promise.resolve();
    }
    loadFile(file: string, options?: unknown) {
      loads.push({ file, options });
      return Promise.resolve();
    }
  }
  const session = { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } };
  return { BrowserWindow, session, shell: { openExternal } };
});

const { createMainWindow } = await import('../../src/main/electron/window.ts');
const { withLanguage } = await import('../../src/main/electron/page-address.ts');
const { isAllowedExternalUrl } = await import('../../src/main/electron/external-links.ts');
const { isTrustedSender } = await import('../../src/main/electron/trusted-sender.ts');

beforeEach(() => {
  created.length = 0;
  loads.length = 0;
  openExternal.mockClear();
});

describe('the app window', () => {
  it('is locked down, and DevTools are off when packaged', () => {
    createMainWindow({ rendererUrl: undefined, mainDir: '/app/out/main', devTools: false, language: 'en' });
    expect(created[0]!.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });

  it('opens no window, and sends only HelpCrunch documentation links to the browser', () => {
    createMainWindow({ rendererUrl: undefined, mainDir: '/app/out/main', devTools: false, language: 'en' });
    const open = created[0]!.openHandler!;
    for (const url of ['https://evil.example/', 'http://docs.helpcrunch.com/', 'file:///etc/passwd', 'https://docs.helpcrunch.com.evil.example/', 'https://user:pw@docs.helpcrunch.com/']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(open({ url: 'https://docs.helpcrunch.com/en/rest-api-v1' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.helpcrunch.com/en/rest-api-v1');
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it("opens the update feed's release page main names, exactly that page, and nothing on its host", () => {
    const page = 'https://github.com/event-desk/event-desk/releases/latest';
    createMainWindow({ rendererUrl: undefined, mainDir: '/app/out/main', devTools: false, language: 'en', externalPages: () => [page] });
    const open = created.at(-1)!.openHandler!;
    for (const url of ['https://github.com/evil/evil/releases/latest', `${page}/../../x`, `${page}?next=evil`, 'https://github.com/']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
    open({ url: page });
    expect(openExternal).toHaveBeenCalledWith(page);
    expect(isAllowedExternalUrl('http://github.com/a', ['http://github.com/a'])).toBe(false);
  });

  it("loads the page with the launch's language, which the static shell paints in", () => {
    createMainWindow({ rendererUrl: undefined, mainDir: '/app/out/main', devTools: false, language: 'pl' });
    expect(loads).toEqual([{ file: '/app/out/renderer/index.html', options: { query: { lang: 'pl' } } }]);
    createMainWindow({ rendererUrl: 'http://localhost:5173/', mainDir: '/app/out/main', devTools: true, language: 'uk' });
    expect(loads[1]).toEqual({ url: 'http://localhost:5173/?lang=uk' });
    expect(withLanguage('http://localhost:5173/?lang=en', 'pl')).toBe('http://localhost:5173/?lang=pl');
  });

  it('blocks navigation and webviews', () => {
    createMainWindow({ rendererUrl: undefined, mainDir: '/app/out/main', devTools: false, language: 'en' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      created[0]!.handlers.get(name)!(event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });
});

describe('the IPC sender check', () => {
  const page = new URL('file:///app/out/renderer/index.html');
  const mainFrame = { url: 'file:///app/out/renderer/index.html#/history' };
  const call = (frame: { url: string } | null, main = mainFrame) => isTrustedSender({ senderFrame: frame, sender: { mainFrame: main } } as never, page);

  it('accepts our page in the main frame', () => {
    expect(call(mainFrame)).toBe(true);
    // The page carries the launch's language as a query: still our page.
    const withQuery = { url: 'file:///app/out/renderer/index.html?lang=pl' };
    expect(call(withQuery, withQuery)).toBe(true);
  });

  it('refuses a subframe even on our own page, another file, or another origin', () => {
    expect(call({ url: 'file:///app/out/renderer/index.html' })).toBe(false);
    const other = { url: 'file:///app/out/renderer/evil.html' };
    expect(call(other, other)).toBe(false);
    const prefix = { url: 'file:///app/out/renderer/index.html.evil/x' };
    expect(call(prefix, prefix)).toBe(false);
    expect(call(null)).toBe(false);
    const dev = new URL('http://localhost:5173/');
    const remote = { url: 'http://localhost:5174/' };
    expect(isTrustedSender({ senderFrame: remote, sender: { mainFrame: remote } } as never, dev)).toBe(false);
  });
});
