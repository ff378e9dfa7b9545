import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

test.describe('EVENT_DESK_LANG=pl', () => {
  test.use({ mainEnv: { EVENT_DESK_LANG: 'pl' } });

  test('the window speaks Polish, says so to screen readers, and switches to Ukrainian and back in Settings without a restart', async ({ app: page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    const views = page.getByRole('tablist', { name: 'Widoki' });
    await expect(views.getByRole('tab', { name: /Tworzenie/ })).toBeVisible();
    await expect(views.getByRole('tab', { name: /Historia/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ostatnio wysłane' })).toBeVisible();
    const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
    expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

    await page.getByRole('button', { name: /Ustawienia/ }).click();
    const language = page.getByRole('radiogroup', { name: 'Język' });
    // The launch's EVENT_DESK_LANG wins; the choice is kept for launches without it.
    await expect(page.getByText(/EVENT_DESK_LANG=pl/)).toBeVisible();
    await screenshot(page, 'settings-language-pl');
    // React Aria draws its own radio: click the visible label, not the hidden input.
    await language.locator('label', { hasText: 'Українська' }).click();
    await expect(language.getByRole('radio', { name: 'Українська' })).toBeChecked();
    // Still Polish: this launch's EVENT_DESK_LANG decides until it is unset.
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  });
});

test('without EVENT_DESK_LANG the Settings choice switches the whole window at once, and "Follow the system" goes back', async ({ app: page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('ControlOrMeta+,');
  const language = page.getByRole('radiogroup', { name: 'Language' });
  await language.locator('label', { hasText: 'Українська' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('radiogroup', { name: 'Мова' })).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Розділи' }).getByRole('tab', { name: /Історія/ })).toBeVisible();
  await screenshot(page, 'settings-language-uk');
  await page.getByRole('radiogroup', { name: 'Мова' }).locator('label', { hasText: 'Як у системі' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: /History/ })).toBeVisible();
});
