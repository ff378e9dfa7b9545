import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { screenshot } from './support/screenshot.ts';

// What main reports — HelpCrunch's answers, keychain problems, duplicate refusals, a shared schema's
// rule under a field — in the window's language, worded from structure; HelpCrunch's own text stays
// exactly as it sent it.

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

/** The composer's fields by their Polish or Ukrainian names; the data through the editor's paste. */
async function compose(page: Page, labels: { name: string; customer: string }, event: { name: string; customer: string; data: string }): Promise<void> {
  await page.getByRole('combobox', { name: labels.name }).fill(event.name);
  const customer = page.getByRole('combobox', { name: labels.customer, exact: true });
  await customer.fill(event.customer);
  await customer.press('Escape');
  await new AppPage(page).setData(event.data);
}

const HELPCRUNCH_SAYS = 'This value should be of type string.';

test.describe('EVENT_DESK_LANG=pl', () => {
  test.use({ mainEnv: { EVENT_DESK_LANG: 'pl' }, viewport: { width: 1280, height: 800 } });

  test('a send HelpCrunch rejects: the explanation in Polish, HelpCrunch\'s own text verbatim; a duplicate refused in Polish', async ({ app: page, mock }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    mock.injectFault({ path: '/v1/events', kind: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 'data.amount', message: HELPCRUNCH_SAYS }] }) });
    await compose(page, { name: 'Nazwa zdarzenia', customer: 'Klient' }, { name: 'Refund issued', customer: '1001', data: '{"amount": 20}' });
    await page.getByRole('button', { name: 'Wyślij zdarzenie' }).click();
    const response = page.getByTestId('response-panel');
    await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'rejected');
    await expect(response.getByTestId('outcome-message')).toHaveText('HelpCrunch odrzucił zdarzenie (400). Popraw je przed ponownym wysłaniem.');
    // HelpCrunch's words are user data: listed exactly as it sent them.
    await expect(response.getByRole('list', { name: 'Błędy zgłoszone przez HelpCrunch' })).toHaveText(`data.amount ${HELPCRUNCH_SAYS}`);
    await expect(response).not.toContainText('Correct it before sending again');
    await expect(response).not.toContainText('rejected the event');
    await screenshot(page, 'i18n-errors-rejected-pl');
    await expectNoSeriousAxe(page);

    // The same event delivered, then sent again: the duplicate guard's reason is worded here too.
    await page.getByRole('button', { name: 'Wyślij zdarzenie' }).click();
    await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'sent');
    await page.getByRole('button', { name: 'Wyślij zdarzenie' }).click();
    const again = page.getByRole('alertdialog', { name: 'Wysłać to zdarzenie ponownie?' });
    await expect(again).toContainText(/Już dostarczone .* jako zdarzenie #\d+ \(wpis historii \d+\)\./);
    await expect(again).not.toContainText('Already delivered');
    await screenshot(page, 'i18n-errors-duplicate-pl');
    await again.getByRole('button', { name: 'Anuluj' }).click();

    // History's detail of the rejected send: the same words, HelpCrunch's text quoted as it came.
    await page.keyboard.press('ControlOrMeta+2');
    const rows = page.getByRole('grid').getByRole('row');
    await rows.filter({ hasText: '400' }).first().click();
    const detail = page.getByTestId('history-detail');
    await expect(detail.getByTestId('outcome-message')).toHaveText('HelpCrunch odrzucił zdarzenie (400). Popraw je przed ponownym wysłaniem.');
    await expect(detail.getByTestId('helpcrunch-said')).toHaveText(`Odpowiedź HelpCrunch: data.amount: ${HELPCRUNCH_SAYS}`);
    await screenshot(page, 'i18n-errors-history-pl');
    await expectNoSeriousAxe(page);
  });

  test.describe('no usable keychain', () => {
    test.use({ keychain: 'unavailable', storedKey: null });

    test('the keychain problem and its fix in Polish; a key pasted with "Bearer" refused in Polish', async ({ app: page }) => {
      await page.keyboard.press('ControlOrMeta+,');
      const dialog = page.getByRole('dialog');
      const problem = dialog.getByTestId('keychain-problem');
      await expect(problem).toContainText('Nie działa żaden systemowy pęk kluczy (Secret Service), więc nie można zapisać klucza API.');
      await expect(problem).toContainText('Zainstaluj i uruchom usługę Secret Service, np. GNOME Keyring');
      await expect(problem).not.toContainText('No system keychain');
      const key = dialog.getByRole('textbox', { name: 'Klucz API', exact: true });
      await key.fill('Bearer mock-key-0123456789abcdef');
      await dialog.getByRole('button', { name: 'Zapisz klucz' }).click();
      await expect(dialog).toContainText('Wklej sam klucz, bez słowa „Bearer”.');
      await expect(dialog).not.toContainText('Paste only the key');
      await screenshot(page, 'i18n-errors-keychain-pl');
      await expectNoSeriousAxe(page);
    });
  });
});

test.describe('EVENT_DESK_LANG=uk', () => {
  test.use({ mainEnv: { EVENT_DESK_LANG: 'uk' }, viewport: { width: 1280, height: 800 } });

  test('a customer HelpCrunch does not know: the explanation in Ukrainian, HelpCrunch\'s text verbatim', async ({ app: page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await compose(page, { name: 'Назва події', customer: 'Клієнт' }, { name: 'Call made', customer: '999999', data: '{}' });
    await page.getByRole('button', { name: 'Надіслати подію' }).click();
    const response = page.getByTestId('response-panel');
    await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'not_found');
    await expect(response.getByTestId('outcome-message')).toHaveText('У HelpCrunch немає клієнта з id 999999 (404). Перевірте id клієнта.');
    await expect(response).not.toContainText('no customer with id');
    await screenshot(page, 'i18n-errors-not-found-uk');
    await expectNoSeriousAxe(page);
  });
});
