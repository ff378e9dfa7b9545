import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

/** The workspace a team would have checked out: three definitions and one broken file, in the app's default folder. */
const test = base.extend({
  userDataDir: async ({ userDataDir }, use) => {
    const definitions = join(userDataDir, 'workspace', 'definitions');
    mkdirSync(definitions, { recursive: true });
    writeFileSync(
      join(definitions, 'refund-issued.yaml'),
      'name: Refund issued\ndescription: A refund was paid out.\nowner: billing\nstatus: active\nenforcement: block\nschema:\n  type: object\n  required: [amount, method]\n  properties:\n    amount:\n      type: number\n    method:\n      enum: [card, cash]\n',
    );
    writeFileSync(join(definitions, 'plan-upgraded.yaml'), 'name: Plan upgraded\nowner: growth\nstatus: active\nenforcement: warn\nschema:\n  type: object\n  required: [plan]\n  properties:\n    plan:\n      type: string\n');
    writeFileSync(join(definitions, 'coupon-used.yaml'), 'name: Coupon used\nstatus: draft\nschema:\n  type: object\n');
    writeFileSync(join(definitions, 'broken.yaml'), 'name: Broken\nstatus: [active\n');
    await use(userDataDir);
  },
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Sends through the window's own API (the same handler table as the composer), to give the Plan view a history. */
async function sendThroughApi(page: Page, events: { name: string; customer: number; data: Record<string, unknown> }[]): Promise<void> {
  const results = await page.evaluate(async (list) => {
    const api = (window as unknown as { api: { events: { send: (event: unknown) => Promise<{ ok: boolean }> } } }).api;
    const answers = [];
    for (const event of list) answers.push(await api.events.send(event));
    return answers.map((answer) => answer.ok);
  }, events);
  expect(results).toEqual(events.map(() => true));
}

test.describe('the tracking plan in the app', () => {
  test('the composer marks a wrong type at its key and keeps Send disabled; a warning is sent against the plan and History says so', async ({ appPage, app: page }) => {
    await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{\n  "amount": "20",\n  "method": "card"\n}' });
    const verdict = page.getByTestId('plan-verdict');
    await expect(verdict).toHaveText('Blocked by the tracking plan: data.amount: expected number');
    await expect(appPage.sendButton).toBeDisabled();
    await expect(appPage.sendReason).toHaveText('Blocked by the tracking plan: data.amount: expected number');
    // A Monaco marker on the offending key, with the rule's words.
    const squiggle = appPage.dataEditor.locator('.squiggly-error');
    await expect(squiggle).toHaveCount(1);
    // …on the key itself: the squiggle lies under the "amount" token.
    const token = appPage.dataEditor.locator('.view-line span span', { hasText: 'amount' }).first();
    const [mark, key] = [(await squiggle.boundingBox())!, (await token.boundingBox())!];
    expect(Math.abs(mark.y - key.y)).toBeLessThan(key.height);
    expect(mark.x).toBeLessThanOrEqual(key.x + 1);
    expect(mark.x + mark.width).toBeGreaterThanOrEqual(key.x + key.width - 1);
    // Resting the pointer on it shows the rule's words (Monaco's hover).
    await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
    await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('expected number');
    await screenshot(page, 'plan-composer-blocked');
    expect(await seriousViolations(page)).toEqual([]);

    // Ctrl+Enter does not get past a block either.
    await appPage.dataEditor.click();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(appPage.history).not.toContainText('Refund issued');
    await expect(appPage.outcome()).toHaveCount(0);

    await appPage.setData('{"amount": 20, "method": "card"}');
    await expect(verdict).toHaveCount(0);
    await expect(appPage.sendButton).toBeEnabled();

    // A warning: the send asks first, then goes, and History records it was sent against the plan.
    await appPage.name.fill('Plan upgraded');
    await appPage.setData('{"plan": 3}');
    await expect(verdict).toHaveText('The tracking plan warns: data.plan: expected string. You can still send it.');
    await expect(appPage.dataEditor.locator('.squiggly-warning')).toHaveCount(1);
    await appPage.send();
    const ask = page.getByRole('alertdialog', { name: 'Send against the plan?' });
    await expect(ask).toContainText('data.plan: expected string');
    await screenshot(page, 'plan-composer-ask');
    expect(await seriousViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Send against the plan' }).click();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
    await expect(appPage.historyItems).toHaveCount(1);
    await appPage.historyItems.first().click();
    const detail = page.getByTestId('history-detail');
    await expect(detail.getByTestId('plan-mark')).toHaveText('Sent against the tracking plan: data.plan: expected string');
    await screenshot(page, 'plan-history-override');

    // Cancelling the question sends nothing.
    await appPage.setData('{"plan": 4}');
    await expect(verdict).toContainText('data.plan: expected string');
    await appPage.send();
    await page.getByRole('alertdialog', { name: 'Send against the plan?' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(appPage.historyItems).toHaveCount(1);
  });

  test('the Plan view: events with their 30 days and chart, broken files, the two lists, and "Create from history" saving a file', async ({ app: page, userDataDir }) => {
    await sendThroughApi(page, [
      { name: 'Refund issued', customer: 1001, data: { amount: 5, method: 'card' } },
      { name: 'Refund issued', customer: 1002, data: { amount: 7, method: 'cash' } },
      { name: 'Plan upgraded', customer: 1001, data: { plan: 1 } },
      ...Array.from({ length: 3 }, (_, n) => ({ name: 'Legacy ping', customer: 1001 + n, data: { source: 'web', count: n } })),
    ]);
    await page.keyboard.press('ControlOrMeta+5');
    const view = page.getByTestId('plan-view');
    await expect(view.getByRole('heading', { name: 'Tracking plan' })).toBeVisible();
    await expect(view.getByTestId('plan-folder')).toContainText(join(userDataDir, 'workspace'));
    const table = view.getByTestId('plan-table');
    const refund = table.getByRole('row', { name: /Refund issued/ });
    await expect(refund.getByRole('cell').nth(3)).toHaveText('2');
    await expect(refund.getByRole('img', { name: 'Refund issued: 2 sends in the last 30 days, at most 2 on one day' })).toBeVisible();
    await expect(refund).toContainText('Active');
    await expect(refund).toContainText('Block');
    const upgraded = table.getByRole('row', { name: /Plan upgraded/ });
    await expect(upgraded).toContainText('1 warning (0 sent against the plan)');
    // The broken file is listed with its line, not dropped.
    await expect(view.getByRole('heading', { name: '1 file could not be read' })).toBeVisible();
    await expect(view).toContainText('definitions/broken.yaml:3');
    const neverSent = view.getByRole('list', { name: 'Planned but never sent' });
    await expect(neverSent.getByRole('listitem')).toHaveText(['Coupon used']);
    const notPlanned = view.getByRole('list', { name: 'Sent but not planned' });
    await expect(notPlanned.getByRole('listitem')).toHaveCount(1);
    await expect(notPlanned).toContainText('Legacy ping');
    await screenshot(page, 'plan-view');
    expect(await seriousViolations(page)).toEqual([]);

    await notPlanned.getByRole('button', { name: 'Create from history: Legacy ping' }).click();
    const dialog = page.getByRole('dialog', { name: 'Define "Legacy ping"' });
    await expect(dialog.getByRole('combobox', { name: 'Type of count' })).toHaveValue('number');
    await expect(dialog.getByRole('checkbox', { name: 'count is required' })).toBeChecked();
    await dialog.getByRole('combobox', { name: 'Status' }).selectOption('active');
    await dialog.getByRole('textbox', { name: 'Owner' }).fill('web');
    await dialog.getByRole('textbox', { name: 'Allowed values of source' }).fill('web\napp');
    await screenshot(page, 'plan-definition-form');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save definition' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(view.getByRole('status')).toContainText('Saved definitions/legacy-ping.yaml');
    const file = join(userDataDir, 'workspace', 'definitions', 'legacy-ping.yaml');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('name: Legacy ping');
    expect(text).toContain('status: active');
    expect(text).toMatch(/enum:\n\s+- web\n\s+- app/);
    // The view refreshed: the event is in the table, and no longer "not planned".
    await expect(table.getByRole('row', { name: /Legacy ping/ })).toContainText('3');
    await expect(view.getByText('Every event sent in this account is in the plan.')).toBeVisible();
  });
});

// No workspace at all (the fixture's plain user-data folder): the view explains itself.
base('with no definitions, the Plan view says what a plan is and where its files go', async ({ app: page, userDataDir }) => {
  await page.keyboard.press('ControlOrMeta+5');
  const empty = page.getByTestId('plan-empty');
  await expect(empty.getByRole('heading', { name: 'No tracking plan yet' })).toBeVisible();
  await expect(empty).toContainText(join(userDataDir, 'workspace'));
  await expect(page.getByText('Nothing is planned yet.')).toBeVisible();
  await expect(page.getByText('Nothing has been sent in this account yet.')).toBeVisible();
  await screenshot(page, 'plan-view-empty');
  expect(await seriousViolations(page)).toEqual([]);
});
