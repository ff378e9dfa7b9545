import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

// History, Jobs and the Library in Polish and Ukrainian: the words are the language's, none of these
// views' English is left, the text fits at 1280×800 (checked by eye in the screenshots), and axe finds
// nothing serious. The starter events stay English: they become the user's own saved events.

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

/** Sends through the real main handlers (the composer's words are another view's): two delivered, one to a customer HelpCrunch does not know. */
async function sendThree(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.api.events.send({ name: 'Call made', customer: 1001, data: { minutes: 5 } });
    await window.api.events.send({ name: 'Refund issued', customer: 1002, data: { amount: 20 } });
    await window.api.events.send({ name: 'Call made', customer: 999999, data: {} });
  });
}

/** None of these English words is in the view on screen (the tab panel shown; the header is another view's). */
async function expectNoEnglish(page: Page, words: string[]): Promise<void> {
  for (const english of words) await expect(page.getByRole('tabpanel')).not.toContainText(english);
}

test.describe('EVENT_DESK_LANG=pl', () => {
  test.use({ mainEnv: { EVENT_DESK_LANG: 'pl' }, viewport: { width: 1280, height: 800 } });

  test('the library, history and a replay plan speak Polish', async ({ app: page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');

    // Library: the empty offer, the starter events added, the save dialog with a field.
    await page.keyboard.press('ControlOrMeta+4');
    const offer = page.getByTestId('library-view').getByTestId('starter-offer');
    await expect(offer).toContainText('Nie ma jeszcze zapisanych zdarzeń.');
    await screenshot(page, 'i18n-library-empty-pl');
    await offer.getByRole('button', { name: /^Dodaj \d+ zdarze/ }).click();
    const library = page.getByTestId('library-view');
    await expect(library.getByRole('button', { name: 'Użyj: Call made' })).toBeVisible();
    await expect(library.getByRole('button', { name: 'Nowe zapisane zdarzenie…' })).toBeVisible();
    await expect(library).toContainText('pyta o:');
    await expectNoEnglish(page, ['Export library', 'Import library', 'New from starter', 'Duplicate', 'asks for']);
    await screenshot(page, 'i18n-library-pl');
    await expectNoSeriousAxe(page);
    await library.getByRole('button', { name: 'Edytuj: Call made' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Edytuj „Call made”' })).toBeVisible();
    await expect(dialog.getByRole('group', { name: /^Pole 1: / })).toBeVisible();
    await expect(dialog).toContainText('Pola formularza');
    await expect(dialog).not.toContainText(/Form fields|Help text|Key in the data|Save changes/);
    await screenshot(page, 'i18n-library-edit-pl');
    await expectNoSeriousAxe(page);
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await expect(dialog).toBeHidden();

    // History: the count, the table, the filters and an entry's detail.
    await sendThree(page);
    await page.keyboard.press('ControlOrMeta+2');
    await expect(page.getByTestId('match-count')).toHaveText('3 wpisy');
    const grid = page.getByRole('grid', { name: 'Wpisy historii, od najnowszych' });
    await expect(grid.getByRole('columnheader', { name: 'Czas trwania' })).toBeVisible();
    await expect(grid).toContainText('Nieznany klient');
    await expect(page.getByRole('group', { name: 'Wynik' }).locator('label', { hasText: 'Wysłane' })).toBeVisible();
    await grid.getByRole('row').filter({ hasText: 'Refund issued' }).click();
    const detail = page.getByTestId('history-detail');
    await expect(detail.getByRole('button', { name: 'Wczytaj do edytora' })).toBeVisible();
    await expect(detail).toContainText('Próby');
    await expectNoEnglish(page, ['Export all', 'Replay all', 'Clear filters', 'Any event', 'Load into composer', 'Copy as', 'HTTP status', 'Customer not found', 'entries']);
    await screenshot(page, 'i18n-history-pl');
    await expectNoSeriousAxe(page);

    // A filter with no match, then the replay plan made from the history.
    await page.getByRole('searchbox', { name: 'Szukaj w historii' }).fill('nic-takiego');
    await expect(page.getByTestId('match-count')).toHaveText('0 pasujących wpisów');
    await expect(grid).toContainText('Żaden wpis nie pasuje do tych filtrów.');
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    await expect(page.getByTestId('match-count')).toHaveText('3 wpisy');
    await page.getByRole('button', { name: 'Odtwórz wszystko…' }).click();
    const job = page.getByTestId('job-detail');
    await expect(job.getByTestId('plan')).toContainText('wczytano:');
    await expect(job.getByRole('button', { name: 'Odrzuć plan' })).toBeVisible();
    await expect(job.getByRole('heading', { name: /^Plan \d+: / })).toBeVisible();
    await expect(job.getByRole('heading', { name: 'Elementy', exact: true })).toBeVisible();
    await expectNoEnglish(page, ['Discard plan', 'to send', 'Replay a file', 'Waiting for your go', 'already delivered', 'Items']);
    await screenshot(page, 'i18n-jobs-plan-pl');
    await expectNoSeriousAxe(page);
  });
});

test.describe('EVENT_DESK_LANG=uk', () => {
  test.use({ mainEnv: { EVENT_DESK_LANG: 'uk' }, viewport: { width: 1280, height: 800 } });

  test('the library, history and a replay plan speak Ukrainian', async ({ app: page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await page.keyboard.press('ControlOrMeta+4');
    const offer = page.getByTestId('library-view').getByTestId('starter-offer');
    await offer.getByRole('button', { name: /^Додати \d+ стартов/ }).click();
    const library = page.getByTestId('library-view');
    await expect(library.getByRole('button', { name: 'Використати: Call made' })).toBeVisible();
    await expectNoEnglish(page, ['Export library', 'Import library', 'New saved event', 'Duplicate', 'asks for']);
    await screenshot(page, 'i18n-library-uk');
    await expectNoSeriousAxe(page);

    await sendThree(page);
    await page.keyboard.press('ControlOrMeta+2');
    await expect(page.getByTestId('match-count')).toHaveText('3 записи');
    const grid = page.getByRole('grid', { name: 'Записи історії, спершу найновіші' });
    await expect(grid.getByRole('columnheader', { name: 'Тривалість' })).toBeVisible();
    await expect(grid).toContainText('Клієнта не знайдено');
    await grid.getByRole('row').filter({ hasText: 'Refund issued' }).click();
    await expect(page.getByTestId('history-detail').getByRole('button', { name: 'Завантажити в редактор' })).toBeVisible();
    await expectNoEnglish(page, ['Export all', 'Replay all', 'Clear filters', 'Any event', 'Load into composer', 'Copy as', 'HTTP status', 'entries']);
    await screenshot(page, 'i18n-history-uk');
    await expectNoSeriousAxe(page);

    await page.getByRole('button', { name: 'Відтворити все…' }).click();
    const job = page.getByTestId('job-detail');
    await expect(job.getByTestId('plan')).toContainText('прочитано:');
    await expect(job.getByRole('button', { name: 'Відхилити план' })).toBeVisible();
    await expectNoEnglish(page, ['Discard plan', 'to send', 'Replay a file', 'Waiting for your go', 'already delivered']);
    await screenshot(page, 'i18n-jobs-plan-uk');
    await expectNoSeriousAxe(page);
  });
});
