import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

/** A workspace with a warning definition and a blocking one, in the app's default folder. */
const test = base.extend({
  userDataDir: async ({ userDataDir }, use) => {
    const definitions = join(userDataDir, 'workspace', 'definitions');
    mkdirSync(definitions, { recursive: true });
    writeFileSync(
      join(definitions, 'plan-changed.yaml'),
      'name: Plan changed\nstatus: active\nenforcement: warn\nschema:\n  type: object\n  required: [plan, seats]\n  properties:\n    plan:\n      type: string\n      enum: [starter, team, business]\n    seats:\n      type: integer\n    trial:\n      type: boolean\n    started:\n      type: string\n      format: date\n',
    );
    writeFileSync(join(definitions, 'strict-refund.yaml'), 'name: Strict refund\nstatus: active\nenforcement: block\nschema:\n  type: object\n  required: [amount]\n  properties:\n    amount:\n      type: number\n      minimum: 1\n');
    await use(userDataDir);
  },
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Saved events made through the window's own API (the same handler the Save dialog calls). */
async function saveEvents(page: Page, drafts: { title: string; name: string; template: Record<string, unknown>; fields: { key: string; label: string; type: string }[] }[]): Promise<void> {
  const answers = await page.evaluate(async (list) => {
    const api = (window as unknown as { api: { saved: { create: (input: unknown) => Promise<{ ok: boolean }> } } }).api;
    const results = [];
    for (const draft of list) {
      const fields = draft.fields.map((field) => ({ ...field, required: false, choices: [] }));
      results.push((await api.saved.create({ draft: { ...draft, fields, description: '', defaultCustomer: null, tags: [], accounts: [] } })).ok);
    }
    return results;
  }, drafts);
  expect(answers).toEqual(drafts.map(() => true));
}

/** How many sends this account's history holds, asked through the window's API. */
async function historyCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const api = (window as unknown as { api: { history: { count: (input: unknown) => Promise<{ ok: boolean; value: number }> } } }).api;
    const answer = await api.history.count({ filter: { outcomes: [], name: null, customer: null, customerText: null, from: null, to: null, text: null } });
    return answer.ok ? answer.value : -1;
  });
}

/** The Library's "New saved event…" dialog, with its title and event name typed. */
async function newSavedEvent(page: Page, title: string, name: string) {
  await page.keyboard.press('ControlOrMeta+4');
  const library = page.getByTestId('library-view');
  await library.getByRole('button', { name: 'New saved event…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: /^Event name/ }).fill(name);
  return { library, dialog };
}

async function openQuickLog(page: Page, title: string): Promise<ReturnType<Page['getByTestId']>> {
  // The library was filled behind the window's back: reading it again (a reload) shows the new events.
  await page.reload();
  await page.keyboard.press('ControlOrMeta+1');
  await page.getByRole('radio', { name: 'Quick log (form)' }).click();
  const form = page.getByTestId('quick-log');
  await form.getByRole('button', { name: /Saved event/ }).click();
  await page.getByRole('option', { name: title }).click();
  await form.getByRole('combobox', { name: 'Customer' }).fill('Ada');
  await page.getByRole('listbox').getByRole('option', { name: /Ada Lovelace/ }).first().click();
  return form;
}

test.describe('the quick log and the tracking plan', () => {
  test('a warned send asks first: Cancel sends nothing, "Send against the plan" is recorded; the plan\'s choices fill a free-text field', async ({ app: page, appPage, mock }) => {
    test.setTimeout(180_000);
    await saveEvents(page, [{ title: 'Plan change', name: 'Plan changed', template: { plan: '{{input.plan}}', seats: '{{input.seats}}' }, fields: [{ key: 'plan', label: 'Plan', type: 'text' }, { key: 'seats', label: 'Seats', type: 'number' }] }]);
    const form = await openQuickLog(page, 'Plan change');
    await form.getByRole('textbox', { name: 'Seats' }).fill('3');
    // "plan" left empty: the key is left out, and the plan (main, from the stored template) warns.
    await expect(form.getByTestId('quick-log-plan')).toHaveText('The tracking plan warns: data.plan: missing (required). You can still send it.');
    const send = form.getByRole('button', { name: 'Log "Plan changed"' });
    await expect(send).toBeEnabled();
    const sentBefore = mock.received.filter((request) => request.path === '/v1/events').length;

    await send.click();
    const ask = page.getByRole('alertdialog', { name: 'Send against the plan?' });
    await expect(ask).toContainText('data.plan: missing (required)');
    await screenshot(page, 'quick-log-plan-ask');
    expect(await seriousViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toBeHidden();
    expect(await historyCount(page)).toBe(0);
    await expect(appPage.history).not.toContainText('Plan changed');
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(sentBefore);

    await page.keyboard.press('ControlOrMeta+Enter');
    await ask.getByRole('button', { name: 'Send against the plan' }).click();
    await expect(page.getByTestId('response-panel').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'sent');
    await expect(appPage.historyItems).toHaveCount(1);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(sentBefore + 1);
    await appPage.historyItems.first().click();
    await expect(page.getByTestId('history-detail').getByTestId('plan-mark')).toHaveText('Sent against the tracking plan: data.plan: missing (required)');

    // The plan allows three values for "plan": the free-text field offers exactly those, and the warning goes.
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: /Choose… Plan/ }).click();
    const options = page.locator('.popover [role="option"]');
    await expect(options).toHaveText(['starter', 'team', 'business']);
    await options.filter({ hasText: 'team' }).click();
    await expect(form.getByTestId('quick-log-plan')).toHaveCount(0);
    await expect(page.getByTestId('quick-log-reason')).toHaveText('Ready to send.');
    await screenshot(page, 'quick-log-plan-choices');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a blocking definition disables Send with the rule\'s words', async ({ app: page, appPage }) => {
    test.setTimeout(120_000);
    // A number field passes the save-time check (a type it can always meet); a value under the plan's minimum is for the send to refuse.
    await saveEvents(page, [{ title: 'Strict', name: 'Strict refund', template: { amount: '{{input.amount}}' }, fields: [{ key: 'amount', label: 'Amount', type: 'number' }] }]);
    const form = await openQuickLog(page, 'Strict');
    await form.getByRole('textbox', { name: 'Amount' }).fill('0');
    const reason = page.getByTestId('quick-log-reason');
    await expect(reason).toHaveText('Blocked by the tracking plan: data.amount: must be at least 1');
    await expect(form.getByRole('button', { name: 'Log "Strict refund"' })).toBeDisabled();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    expect(await historyCount(page)).toBe(0);
    await expect(appPage.history).not.toContainText('Strict refund');
    await screenshot(page, 'quick-log-plan-blocked');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('"Fields from the plan" fills the form builder from the definition', async ({ app: page }) => {
    test.setTimeout(120_000);
    const { dialog } = await newSavedEvent(page, 'Plan change', 'Plan changed');
    await dialog.getByRole('button', { name: 'Fields from the plan' }).click();
    await page.getByRole('menuitem', { name: /^Plan changed/ }).click();
    await expect(dialog.getByTestId('plan-fields-note')).toHaveText('From the definition of "Plan changed": 4 fields added, 0 updated, 0 keys left as they were.');
    const groups = await dialog.getByRole('group', { name: /^Field \d+:/ }).evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    expect(groups).toEqual(['Field 1: Plan', 'Field 2: Seats', 'Field 3: Trial', 'Field 4: Started']);
    await expect(dialog.getByRole('group', { name: 'Field 1: Plan' }).getByLabel('Type')).toHaveValue('choice');
    await expect(dialog.getByRole('group', { name: 'Field 1: Plan' }).getByRole('textbox', { name: 'Choices' })).toHaveValue('starter, team, business');
    await expect(dialog.getByRole('group', { name: 'Field 1: Plan' }).getByRole('checkbox', { name: 'Required' })).toBeChecked();
    await expect(dialog.getByRole('group', { name: 'Field 2: Seats' }).getByLabel('Type')).toHaveValue('number');
    await expect(dialog.getByRole('group', { name: 'Field 3: Trial' }).getByLabel('Type')).toHaveValue('yesno');
    await expect(dialog.getByRole('group', { name: 'Field 4: Started' }).getByLabel('Type')).toHaveValue('date');
    await dialog.getByText('Data template (JSON, for developers)').click();
    await expect(dialog.getByRole('textbox', { name: 'Data template' })).toHaveValue(/"plan": "\{\{input.plan\}\}"[\s\S]*"seats": "\{\{input.seats\}\}"/);
    await dialog.getByText('Data template (JSON, for developers)').click();
    await dialog.getByRole('button', { name: 'Fields from the plan' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'form-builder-plan-fields');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  test('the save dialog says what the plan thinks as the template is typed: a warning lets Save go on, a block holds it', async ({ app: page }) => {
    test.setTimeout(120_000);
    const { library, dialog } = await newSavedEvent(page, 'Upgrade', 'Plan changed');
    await dialog.getByText('Data template (JSON, for developers)').click();
    const template = dialog.getByRole('textbox', { name: 'Data template' });
    await template.fill('{ "plan": "enterprise", "seats": 3 }');
    const verdict = dialog.getByTestId('save-plan');
    await expect(verdict).toHaveText('The tracking plan warns: data.plan: must be one of: starter, team, business. You can save it; a send will ask first.');
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
    await screenshot(page, 'save-dialog-plan-warning');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('textbox', { name: /^Event name/ }).fill('Strict refund');
    await template.fill('{ "amount": 0 }');
    await expect(verdict).toHaveText('Blocked by the tracking plan, so it cannot be saved: data.amount: must be at least 1');
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await template.fill('{ "amount": 5 }');
    await expect(verdict).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(library.getByRole('button', { name: 'Use Upgrade' })).toBeVisible();
  });
});
