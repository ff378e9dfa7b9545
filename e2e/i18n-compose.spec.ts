import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { freePort } from '../tools/free-port.ts';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

// The composer, the customer picker and timeline, the response, Settings, the account switcher and the
// outbox in Polish and Ukrainian: the words are the language's, no English of these views is left, the
// text fits at 1280×800 (checked by eye in the screenshots), and axe finds nothing serious.

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

/** Replaces the data editor's text the way a person pastes (AppPage.setData without its English locators). */
async function pasteData(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('data-editor');
  await editor.locator('.monaco-editor').waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/plain', content);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test.describe('EVENT_DESK_LANG=pl', () => {
  test.use({ mainEnv: { EVENT_DESK_LANG: 'pl' }, viewport: { width: 1280, height: 800 } });

  test('compose, pick a customer, send, read the timeline, Settings and the accounts: all in Polish', async ({ app: page, mock }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    const composer = page.locator('section.composer');
    await expect(composer.getByRole('heading', { name: 'Nowe zdarzenie' })).toBeVisible();
    await expect(page.getByTestId('response-panel')).toContainText('Wyślij zdarzenie, aby zobaczyć tutaj odpowiedź HelpCrunch.');

    await page.getByRole('combobox', { name: 'Nazwa zdarzenia' }).fill('Call made');
    await page.getByRole('combobox', { name: 'Klient' }).click();
    await page.keyboard.type('lovelace');
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toContainText('Lovelace');
    await expect(options.first()).toContainText(/ID \d+/);
    await expect(page.getByTestId('customer-search-status')).toContainText(/Znaleziono|Pokazano/);
    await screenshot(page, 'i18n-compose-picker-pl');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const card = page.getByTestId('customer-card');
    await expect(card).toContainText('Lovelace');
    await expect(card.getByRole('button', { name: /^Zmień klienta/ })).toBeVisible();

    await pasteData(page, '{"minutes": 5}');
    await expect(page.getByTestId('send-reason')).toHaveText('Gotowe do wysłania.');
    await expect(composer).toContainText(/Treść żądania: \d+ baj/);
    await page.getByRole('button', { name: 'Wyślij zdarzenie' }).click();
    const response = page.getByTestId('response-panel');
    await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'sent');
    await expect(response).toContainText('Utworzono zdarzenie');
    await expect(response).toContainText(/1 próba · \d/);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);
    // None of the composer's or the response's English is left.
    for (const english of ['New event', 'Event name', 'Request body', 'Ready to send', 'Event created', 'Raw response', 'attempt', 'Save as']) {
      await expect(page.locator('.composer-column')).not.toContainText(english);
    }
    await screenshot(page, 'i18n-compose-sent-pl');
    await expectNoSeriousAxe(page);

    // The same event again: the duplicate guard asks, in Polish, and Anuluj sends nothing.
    await page.getByRole('button', { name: 'Wyślij zdarzenie' }).click();
    const again = page.getByRole('alertdialog', { name: 'Wysłać to zdarzenie ponownie?' });
    await expect(again).toContainText('HelpCrunch nie może tego cofnąć: ponowne wysłanie utworzy w profilu klienta drugie zdarzenie „Call made”.');
    await expect(again.getByRole('button', { name: 'Wyślij ponownie' })).toBeVisible();
    await screenshot(page, 'i18n-compose-again-pl');
    await again.getByRole('button', { name: 'Anuluj' }).click();
    await expect(again).toBeHidden();
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);

    await card.getByRole('button', { name: /^Oś czasu: .*Lovelace/ }).click();
    const timeline = page.getByTestId('customer-timeline');
    await expect(timeline.getByRole('heading', { name: /^Oś czasu: .*Lovelace/ })).toBeVisible();
    await expect(timeline).toContainText('Łącznie 1 zdarzenie.');
    await expect(timeline.getByTestId('timeline-entry')).toHaveCount(1);
    await expect(timeline).not.toContainText(/Every event|Log another|in all/);
    await screenshot(page, 'i18n-compose-timeline-pl');
    await expectNoSeriousAxe(page);
    await timeline.getByRole('button', { name: 'Zamknij' }).click();
    await expect(timeline).toBeHidden();

    await page.getByRole('button', { name: /^Ustawienia/ }).click();
    const settings = page.getByRole('dialog', { name: 'Ustawienia' });
    await expect(settings.getByRole('heading', { name: 'Klucz API HelpCrunch' })).toBeVisible();
    await expect(settings.getByTestId('key-status')).toContainText('Zapisany w systemowym pęku kluczy · kończy się na');
    await expect(settings.getByRole('button', { name: 'Testuj połączenie' })).toBeVisible();
    await expect(settings.getByTestId('base-url')).toContainText('Żądania trafiają do');
    await expect(settings.getByTestId('retention-status')).toHaveText('Każda wysyłka jest przechowywana, dopóki jej nie usuniesz.');
    for (const english of ['Save key', 'Test connection', 'Requests go to', 'Keep everything', 'Remove key', 'Close settings']) {
      await expect(settings).not.toContainText(english);
    }
    await screenshot(page, 'i18n-compose-settings-pl');
    await expectNoSeriousAxe(page);
    await settings.getByRole('button', { name: 'Zamknij ustawienia' }).click();

    await page.keyboard.press('ControlOrMeta+Shift+A');
    const switcher = page.getByTestId('profile-switcher');
    await expect(switcher.getByRole('heading', { name: 'Konta HelpCrunch' })).toBeVisible();
    await expect(switcher.getByTestId('profile-row').first()).toContainText(/W użyciu · \d+ żąda/);
    await expect(switcher.getByRole('button', { name: 'Dodaj konto' })).toBeVisible();
    await expect(switcher).not.toContainText(/requests\/min|Add an account|In use/);
    await screenshot(page, 'i18n-compose-accounts-pl');
    await expectNoSeriousAxe(page);
  });
});

let port = 0;
test.describe('EVENT_DESK_LANG=uk, HelpCrunch out of reach', () => {
  test.use({
    mainEnv: { EVENT_DESK_LANG: 'uk' },
    viewport: { width: 1280, height: 800 },
    apiBaseUrl: async ({}, use) => {
      port = await freePort();
      await use(`http://127.0.0.1:${port}/v1`);
    },
  });

  test('a send waits in the outbox and says so in Ukrainian, and so does the outbox dialog', async ({ app: page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await expect(page.locator('section.composer').getByRole('heading', { name: 'Нова подія' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Назва події' }).fill('Call made');
    await page.getByRole('combobox', { name: 'Клієнт' }).fill('1001');
    await page.getByRole('combobox', { name: 'Клієнт' }).press('Escape');
    await pasteData(page, '{"minutes": 5}');
    await page.getByRole('button', { name: 'Надіслати подію' }).click();
    const queued = page.getByTestId('queued-in-outbox');
    await expect(queued).toContainText('У вихідних — буде надіслано автоматично');
    await expect(page.getByTestId('queued-reason')).toContainText('Причина:');
    await expect(page.getByTestId('queued-next')).toContainText(/Наступна спроба|Повторна спроба зараз/);
    await expect(queued).not.toContainText(/In the outbox|Next try|Why:|Nothing to do/);
    await screenshot(page, 'i18n-compose-queued-uk');
    await expectNoSeriousAxe(page);

    await page.getByTestId('outbox-badge').click();
    const dialog = page.getByTestId('outbox-dialog');
    await expect(dialog.getByTestId('outbox-item')).toHaveCount(1);
    await expect(dialog.getByRole('heading', { name: 'Вихідні' })).toBeVisible();
    await expect(dialog.getByTestId('outbox-item')).toContainText(/Чекає надсилання|Надсилання/);
    await expect(dialog.getByTestId('outbox-item')).toContainText('додано');
    await expect(dialog.getByRole('button', { name: 'Надіслати зараз' })).toBeVisible();
    await expect(dialog).not.toContainText(/Waiting to be sent|logged|attempt|Send now|Edit in composer/);
    await screenshot(page, 'i18n-compose-outbox-uk');
    await expectNoSeriousAxe(page);
  });
});
