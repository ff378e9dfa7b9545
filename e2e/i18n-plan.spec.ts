import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

// The Plan view and the composer's plan verdict in Polish and Ukrainian: the words are the language's,
// none of the view's English is left, the text fits at 1280×800 (checked by eye), axe finds nothing
// serious. Event names, file names and the rule's words from main stay as they are (user data, main).

const test = base.extend({
  userDataDir: async ({ userDataDir }, use) => {
    const definitions = join(userDataDir, 'workspace', 'definitions');
    mkdirSync(definitions, { recursive: true });
    writeFileSync(join(definitions, 'refund-issued.yaml'), 'name: Refund issued\nowner: billing\nstatus: active\nenforcement: block\nschema:\n  type: object\n  required: [amount]\n  properties:\n    amount:\n      type: number\n');
    writeFileSync(join(definitions, 'coupon-used.yaml'), 'name: Coupon used\nstatus: draft\nschema:\n  type: object\n');
    await use(userDataDir);
  },
});

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

const ENGLISH = ['Tracking plan', 'Planned but never sent', 'Sent but not planned', 'Create from history', 'Sends (30 days)', 'Violations (30 days)', 'Last sent', 'Active', 'Draft', 'Never'];

const languages = [
  { lang: 'pl', blocked: 'Zablokowane przez plan śledzenia: data.amount: expected number', title: 'Plan śledzenia', notPlanned: 'Wysłane, ale niezaplanowane', create: 'Utwórz z historii: Legacy ping', form: 'Zdefiniuj „Legacy ping”' },
  { lang: 'uk', blocked: 'Заблоковано планом відстеження: data.amount: expected number', title: 'План відстеження', notPlanned: 'Надіслані, але не заплановані', create: 'Створити з історії: Legacy ping', form: 'Визначити «Legacy ping»' },
] as const;

for (const words of languages) {
  test.describe(`EVENT_DESK_LANG=${words.lang}`, () => {
    test.use({ mainEnv: { EVENT_DESK_LANG: words.lang }, viewport: { width: 1280, height: 800 } });

    test('the composer verdict and the Plan view', async ({ app: page, appPage }) => {
      await expect(page.locator('html')).toHaveAttribute('lang', words.lang);
      await page.getByTestId('data-editor').locator('.monaco-editor').waitFor();
      await page.locator('.composer input').first().fill('Refund issued');
      await appPage.setData('{"amount": "20"}');
      await expect(page.getByTestId('plan-verdict')).toHaveText(words.blocked);
      await screenshot(page, `i18n-plan-composer-${words.lang}`);
      await expectNoSeriousAxe(page);

      await page.evaluate(async () => {
        await window.api.events.send({ name: 'Refund issued', customer: 1001, data: { amount: 5 } });
        await window.api.events.send({ name: 'Legacy ping', customer: 1001, data: { source: 'web' } });
      });
      await page.keyboard.press('ControlOrMeta+5');
      const view = page.getByTestId('plan-view');
      await expect(view.getByRole('heading', { name: words.title, exact: true })).toBeVisible();
      await expect(view.getByRole('heading', { name: words.notPlanned })).toBeVisible();
      for (const english of ENGLISH) await expect(view).not.toContainText(english);
      await screenshot(page, `i18n-plan-view-${words.lang}`);
      await expectNoSeriousAxe(page);

      await view.getByRole('button', { name: words.create }).click();
      const dialog = page.getByRole('dialog', { name: words.form });
      await expect(dialog).toBeVisible();
      for (const english of ['Event name', 'Owner', 'Allowed values', 'Save definition', 'Edit as JSON', 'Add a key']) await expect(dialog).not.toContainText(english);
      await screenshot(page, `i18n-plan-form-${words.lang}`);
      await expectNoSeriousAxe(page);
    });
  });
}
