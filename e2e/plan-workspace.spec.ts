import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

/** A team's checkout outside the app's data, with one definition: what "Open workspace folder…" picks in main's dialog. */
const test = base.extend({
  workspaceFolder: async ({}, use, testInfo) => {
    const folder = testInfo.outputPath('team-tracking-plan');
    mkdirSync(join(folder, 'definitions'), { recursive: true });
    writeFileSync(
      join(folder, 'definitions', 'refund-issued.yaml'),
      'name: Refund issued\ndescription: A refund was paid out.\nowner: billing\nstatus: active\nenforcement: block\nschema:\n  type: object\n  required: [amount]\n  properties:\n    amount:\n      type: number\n',
    );
    await use(folder);
  },
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('"Open workspace folder…": the Plan view, the checker and the composer follow the chosen folder without a restart', async ({ app: page, appPage, userDataDir, workspaceFolder }) => {
  await page.keyboard.press('ControlOrMeta+5');
  const view = page.getByTestId('plan-view');
  await expect(view.getByTestId('plan-folder')).toContainText(join(userDataDir, 'workspace'));
  await expect(view.getByTestId('plan-empty')).toBeVisible();
  await expect(view.getByRole('button', { name: 'Use the default folder' })).toHaveCount(0);

  // By keyboard: the button is reached with Tab like any other and pressed with Enter.
  const open = view.getByRole('button', { name: 'Open workspace folder…' });
  await open.focus();
  await expect(open).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(view.getByRole('status').filter({ hasText: 'The tracking plan is now read from' })).toContainText(workspaceFolder!);
  await expect(view.getByTestId('plan-folder')).toContainText(workspaceFolder!);
  await expect(view.getByTestId('plan-table').getByRole('row', { name: /Refund issued/ })).toContainText('Block');
  await expect(view.getByRole('button', { name: 'Use the default folder' })).toBeVisible();
  await expect(view).toContainText('Chosen in the app.');
  await screenshot(page, 'plan-workspace-chosen');
  expect(await seriousViolations(page)).toEqual([]);

  // The composer checks against the new folder's definition at once.
  await page.keyboard.press('ControlOrMeta+1');
  await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{\n  "amount": "20"\n}' });
  await expect(page.getByTestId('plan-verdict')).toHaveText('Blocked by the tracking plan: data.amount: expected number');
  await expect(appPage.sendButton).toBeDisabled();
  await expect(appPage.dataEditor.locator('.squiggly-error')).toHaveCount(1);
  await screenshot(page, 'plan-workspace-composer');

  // Back to the default (empty) folder: nothing blocks any more.
  await page.keyboard.press('ControlOrMeta+5');
  await view.getByRole('button', { name: 'Use the default folder' }).click();
  await expect(view.getByTestId('plan-folder')).toContainText(join(userDataDir, 'workspace'));
  await expect(view.getByTestId('plan-empty')).toBeVisible();
  await expect(view.getByRole('button', { name: 'Use the default folder' })).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+1');
  await expect(page.getByTestId('plan-verdict')).toHaveCount(0);
  await expect(appPage.sendButton).toBeEnabled();
});
