import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

// The static shell (index.html) paints before any of the app's code loads. Held there — the app's
// module never arrives — it must already speak the launch's language that main put in the address.

for (const { lang, status, tab, send } of [
  { lang: 'pl', status: 'Uruchamianie Event Desk…', tab: 'Tworzenie', send: 'Wyślij zdarzenie' },
  { lang: 'uk', status: 'Запуск Event Desk…', tab: 'Створення', send: 'Надіслати подію' },
]) {
  test(`the shell paints in ${lang} before the app loads`, async ({ page, renderer }) => {
    // Only the app's own module is held back: shell-language.js and the stylesheet load as usual.
    await page.route(/\/assets\/index-[^/]*\.js$/, () => {});
    // 'commit': the page never finishes loading, by design.
    await page.goto(`${renderer.url}?lang=${lang}`, { waitUntil: 'commit' });
    const shell = page.locator('#app-shell');
    await expect(shell.getByRole('status')).toHaveText(status);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(shell.locator('.view-tab').first()).toHaveText(new RegExp(`^${tab} `));
    // The shortcut keeps its key names.
    await expect(shell.locator('.view-tab kbd').first()).toHaveText('Ctrl+1');
    await expect(shell.locator('.shell-button')).toHaveText(send);
    await expect(shell).not.toContainText(/Compose|History|Recent sends|Send event|Starting/);
    await screenshot(page, `i18n-shell-${lang}`);
  });
}

test('the shell stays English without a language, or with one it does not know', async ({ page, renderer }) => {
  await page.route(/\/assets\/index-[^/]*\.js$/, () => {});
  await page.goto(`${renderer.url}?lang=de`, { waitUntil: 'commit' });
  await expect(page.locator('#app-shell').getByRole('status')).toHaveText('Starting Event Desk…');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
