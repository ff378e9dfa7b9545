import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test.describe('saved events and the quick log', () => {
  test.use({
    exportPath: async ({}, use, testInfo) => use(testInfo.outputPath('library.json')),
    replayFile: async ({}, use, testInfo) => use(testInfo.outputPath('library.json')),
  });

  test('save from the composer, log through the form, send to three customers, export and import the library', async ({ appPage, app: page, mock }, testInfo) => {
    test.setTimeout(150_000);
    await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{"amount": "{{input.amount}}", "reason": "{{input.reason}}", "at": "{{now}}"}' });
    await page.keyboard.press('ControlOrMeta+S');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Save as a saved event' })).toBeVisible();
    // The placeholders typed in the composer became fields of the form builder.
    const amount = dialog.getByRole('group', { name: 'Field 1: Amount' });
    await amount.getByLabel('Type').selectOption('number');
    await amount.getByText('Required').click();
    const reason = dialog.getByRole('group', { name: 'Field 2: Reason' });
    await reason.getByLabel('Type').selectOption('choice');
    await reason.getByRole('textbox', { name: 'Choices' }).fill('Damaged, Late');
    await reason.getByText('Required').click();
    await dialog.getByRole('textbox', { name: 'Tags (comma separated)' }).fill('billing');
    await screenshot(page, 'library-save-dialog');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('radio', { name: 'Quick log (form)' }).click();
    const form = page.getByTestId('quick-log');
    await form.getByRole('button', { name: /Saved event/ }).click();
    await page.getByRole('option', { name: 'Refund issued' }).click();
    await form.getByRole('textbox', { name: 'Amount *' }).fill('twenty');
    await expect(form).toContainText('Amount must be a number');
    await form.getByRole('textbox', { name: 'Amount *' }).fill('20');
    await form.getByRole('button', { name: /Reason/ }).click();
    await page.getByRole('option', { name: 'Damaged' }).click();
    await form.getByText('Preview: exactly what will be sent').click();
    await expect(form.getByLabel('Preview of the data')).toContainText('"amount": 20');
    await screenshot(page, 'quick-log');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByTestId('response-panel').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'sent');
    const sent = mock.received.filter((request) => request.path === '/v1/events').at(-1)!.body as { data: Record<string, unknown> };
    expect(sent.data).toMatchObject({ amount: 20, reason: 'Damaged' });
    expect(typeof sent.data.at).toBe('string');

    await form.getByRole('button', { name: 'Send to many customers…' }).click();
    const many = page.getByRole('dialog');
    await many.getByRole('textbox', { name: /Customer ids/ }).fill('1002\n1003, 1004');
    await many.getByRole('button', { name: 'Plan for 3 customers' }).click();
    const plan = page.getByTestId('plan');
    await expect(plan).toContainText('3 read · 3 to send');
    await plan.getByRole('button', { name: 'Send 3 events' }).click();
    await expect(page.getByTestId('job-state')).toHaveText('Finished', { timeout: 20_000 });
    expect(mock.received.filter((request) => request.path === '/v1/events').map((request) => (request.body as { customer: number }).customer).slice(-3).toSorted()).toEqual([1002, 1003, 1004]);

    await page.keyboard.press('ControlOrMeta+4');
    const library = page.getByTestId('library-view');
    await expect(library).toContainText('Refund issued');
    await library.getByRole('button', { name: 'Export library…' }).click();
    await expect(library).toContainText('Exported 1 saved events');
    const file = JSON.parse(readFileSync(testInfo.outputPath('library.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'event-desk-library', version: 1, events: [{ title: 'Refund issued', fields: [{ key: 'amount', type: 'number' }, { key: 'reason', type: 'choice' }] }] });
    // Import the same file with one more event: added 1, the unchanged one skipped.
    file.events.push({ ...file.events[0], title: 'Refund (partial)' });
    writeFileSync(testInfo.outputPath('library.json'), JSON.stringify(file));
    await library.getByRole('button', { name: 'Import library…' }).click();
    await page.getByRole('menuitem', { name: /Keep mine/ }).click();
    await expect(library.getByTestId('import-report')).toContainText('Added 1, updated 0, skipped 1.');
    await library.getByRole('button', { name: 'Delete Refund (partial)' }).click();
    await expect(library).toContainText('Deleted "Refund (partial)"');
    await library.getByRole('button', { name: 'Undo' }).click();
    await expect(library.getByRole('button', { name: 'Use Refund (partial)' })).toBeVisible();
    await screenshot(page, 'library');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('ControlOrMeta+P');
    await page.getByRole('searchbox', { name: 'Title, event name or tag' }).fill('partial');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quick-log').getByRole('button', { name: /Saved event/ })).toContainText('Refund (partial)');
  });
});

test('learned shapes: a draft that differs from earlier sends of the event gets gentle warnings, not a block', async ({ appPage, app: page }) => {
  for (const seats of [1, 2, 3]) {
    await appPage.compose({ name: 'Plan upgraded', customer: '1001', data: `{"plan": "pro", "seats": ${seats}}` });
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  }
  await appPage.compose({ name: 'Plan upgraded', customer: '1002', data: '{"plan": 5}' });
  const warnings = page.getByTestId('shape-warnings');
  await expect(warnings).toContainText('"seats" is in 100% of earlier sends of this event, but not here.');
  await expect(warnings).toContainText('"plan" was always string before; here it is number.');
  await expect(appPage.sendReason).toHaveText('Ready to send.');
  await screenshot(page, 'composer-shape-warnings');
});

test('a placeholder typo is marked where it is typed, and sending as written is still allowed', async ({ appPage, app: page }) => {
  await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{"at": "{{nwo}}", "amount": "{{input.amount}}"}' });
  // The unknown placeholder gets an error squiggle; the valid one does not block anything.
  await expect(appPage.dataEditor.locator('.squiggly-error').first()).toBeVisible();
  await expect(appPage.sendReason).toHaveText('Ready to send.');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByRole('dialog')).toContainText('Unknown placeholder {{nwo}}');
  await screenshot(page, 'template-typo');
});
