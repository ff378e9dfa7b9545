import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

test('add a production account, switch to it (Ctrl/Cmd+Shift+A), sends ask first; each account keeps its own history', async ({ appPage, app: page, mock, keychainService }, testInfo) => {
  void keychainService;
  await expect(page.getByTestId('profile-chip')).toContainText('Default');
  await page.keyboard.press('ControlOrMeta+Shift+A');
  const switcher = page.getByTestId('profile-switcher');
  await switcher.getByRole('textbox', { name: 'Name' }).fill('Live account');
  await switcher.getByText('Production: ask before every send').click();
  await expect(switcher.getByRole('checkbox', { name: /Production/ })).toBeChecked();
  await switcher.getByRole('button', { name: 'Add account' }).click();
  await expect(switcher.getByRole('button', { name: 'Switch to Live account' })).toBeVisible();
  await switcher.getByRole('button', { name: 'Edit: Default' }).click();
  await switcher.getByRole('textbox', { name: /Requests per minute/ }).fill('60');
  await switcher.getByRole('button', { name: 'Save changes' }).click();
  await expect(switcher.getByTestId('profile-row').first()).toContainText('60 requests/min');
  await screenshot(page, 'profile-switcher');
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ') + ' ' + (node.failureSummary ?? '').slice(0, 160)).join(' | ')}`)).toEqual([]);
  await switcher.getByRole('button', { name: 'Switch to Live account' }).click();
  await expect(switcher).toBeHidden();
  await expect(page.getByTestId('profile-chip')).toContainText('Live account');
  await expect(page.getByTestId('production-banner')).toContainText('Production account "Live account"');
  await expect(page.getByRole('button', { name: 'No API key' })).toBeVisible();

  const settings = await appPage.openSettings();
  // HELPCRUNCH_API_URL belongs to the launch's account (Default): Live keeps its own address until set here.
  await expect(settings.getByTestId('base-url')).toContainText('HelpCrunch, the default');
  await settings.getByRole('textbox', { name: 'Custom base URL' }).fill(mock.url);
  await settings.getByRole('button', { name: 'Save URL' }).click();
  await expect(settings.getByTestId('base-url')).toContainText('(your setting)');
  await settings.getByRole('textbox', { name: 'API key', exact: true }).fill(mock.apiKey);
  await settings.getByRole('button', { name: 'Save key' }).click();
  await expect(settings.getByTestId('key-status')).toContainText('ends in');
  await page.keyboard.press('Escape');

  await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{"amount": 5}' });
  await appPage.send();
  const confirm = page.getByRole('alertdialog', { name: 'Send to the production account "Live account"?' });
  await expect(confirm).toBeVisible();
  await screenshot(page, 'production-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
  await appPage.send();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Send to Live account' }).click();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');

  // Default's history does not show Live account's send.
  await page.keyboard.press('ControlOrMeta+Shift+A');
  await page.getByTestId('profile-switcher').getByRole('button', { name: 'Switch to Default' }).click();
  await expect(page.getByTestId('profile-chip')).toContainText('Default');
  await expect(page.getByTestId('production-banner')).toBeHidden();
  await page.keyboard.press('ControlOrMeta+2');
  await expect(page.getByTestId('match-count')).toHaveText('0 entries');

  // Deleting an account offers to export its history first.
  await page.keyboard.press('ControlOrMeta+Shift+A');
  await page.getByRole('button', { name: 'Delete: Live account' }).click();
  const remove = page.getByRole('alertdialog', { name: 'Delete Live account' });
  await remove.getByRole('button', { name: 'Export its history first…' }).click();
  await expect(remove).toContainText('Exported 1 entries to');
  expect(JSON.parse(readFileSync(testInfo.outputPath('export.json'), 'utf8')).entries.map((entry: { request: { name: string } }) => entry.request.name)).toEqual(['Refund issued']);
  await remove.getByRole('button', { name: 'Delete account and history' }).click();
  await expect(page.getByTestId('profile-switcher').getByTestId('profile-row')).toHaveCount(1);
});
