import type { Browser, BrowserContextOptions, Page } from 'playwright';
import { bridgeApi } from '../e2e/support/bridge.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

/**
 * A page of the built renderer with window.api bridged to the real main services on `userDataDir`.
 * Nothing is sent anywhere (the API address is a closed port): the browser benches measure the page.
 */
export async function bridgedPage(browser: Browser, url: string, userDataDir: string, context: BrowserContextOptions = {}): Promise<{ page: Page; close: () => Promise<void> }> {
  const page = await browser.newPage(context);
  const services = await bridgeApi(page, {
    userDataDir,
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    keychainService: 'unused',
    rendererUrl: url,
    env: {},
    keychain: 'available',
    secretStore: fixedKeyStore('bench-key-0123456789abcdef'),
  });
  return {
    page,
    close: async () => {
      await page.close();
      services.close();
    },
  };
}
