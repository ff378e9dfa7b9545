import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const LINES = [
  { name: 'Refund issued', customer: 2001, data: { amount: 20 } },
  { name: 'Refund issued', customer: 2002, data: { amount: 35 } },
];

test.describe('a .ndjson opened with the app (file association, command line)', () => {
  test.use({
    launchFile: async ({}, use, testInfo) => {
      const path = testInfo.outputPath('refunds.ndjson');
      writeFileSync(path, `${LINES.map((line) => JSON.stringify(line)).join('\n')}\n`);
      await use(path);
    },
  });

  test('opens the Jobs view with the file offered for a plan; nothing is sent until the job starts', async ({ app: page, mock }) => {
    const offer = page.getByTestId('opened-file');
    await expect(offer).toContainText('refunds.ndjson was opened with Event Desk. Plan a replay of its events?');
    await expect(page.getByRole('region', { name: 'Opened file: refunds.ndjson' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Jobs/ })).toHaveAttribute('aria-selected', 'true');
    expect((await new AxeBuilder({ page }).analyze()).violations.filter((found) => found.impact === 'serious' || found.impact === 'critical')).toEqual([]);
    await screenshot(page, 'jobs-opened-file');
    await offer.getByRole('button', { name: 'Plan a replay' }).click();
    const plan = page.getByTestId('job-detail').getByTestId('plan');
    await expect(plan).toContainText('2 read · 2 to send');
    await expect(offer).toBeHidden();
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
  });

  test('"Not now" puts the offer away without planning anything', async ({ app: page }) => {
    const offer = page.getByTestId('opened-file');
    await offer.getByRole('button', { name: 'Not now' }).click();
    await expect(offer).toBeHidden();
    await expect(page.getByTestId('job-detail')).toBeHidden();
  });
});

test('Settings → Updates says why a development copy does not update itself', async ({ app: page }) => {
  await page.keyboard.press('ControlOrMeta+,');
  const dialog = page.getByRole('dialog');
  const section = dialog.getByRole('region', { name: 'Updates' });
  await expect(section.getByTestId('update-status')).toHaveText(/not an installed app/);
  // Nothing to switch where nothing would be checked.
  await expect(section.getByRole('checkbox')).toHaveCount(0);
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-updates');
});
