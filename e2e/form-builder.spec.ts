import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The scan in both themes, as the accessibility spec does. */
async function scanLightAndDark(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const fieldNames = (page: Page) => page.getByRole('dialog').getByRole('group', { name: /^Field \d+:/ }).evaluateAll((groups) => groups.map((group) => group.getAttribute('aria-label')));

test('a support lead builds a saved event without JSON; an agent logs it for Ada and answers a yes/no field "no"', async ({ app: page, mock }) => {
  test.setTimeout(240_000);
  await page.keyboard.press('ControlOrMeta+4');
  const library = page.getByTestId('library-view');
  await expect(library.getByTestId('starter-offer')).toBeVisible();
  await library.getByRole('button', { name: 'New saved event…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'New saved event' })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Customer callback');
  await dialog.getByRole('textbox', { name: /^Event name/ }).fill('Callback done');

  const add = async (kind: string) => {
    await dialog.getByRole('button', { name: '+ Add field' }).click();
    await page.getByRole('menuitem', { name: kind, exact: true }).click();
  };
  await add('Number');
  const minutes = dialog.getByRole('group', { name: 'Field 1: New number field' });
  await minutes.getByRole('textbox', { name: 'Label' }).fill('Minutes');
  await dialog.getByRole('group', { name: 'Field 1: Minutes' }).getByText('Required').click();
  await add('Choice');
  const channel = dialog.getByRole('group', { name: /^Field 2:/ });
  await channel.getByRole('textbox', { name: 'Label' }).fill('Channel');
  await channel.getByRole('textbox', { name: 'Choices' }).fill('Phone, Video');
  await channel.getByLabel('Default').selectOption('Phone');
  await add('Yes/no');
  const followUp = dialog.getByRole('group', { name: /^Field 3:/ });
  await followUp.getByRole('textbox', { name: 'Label' }).fill('Follow-up needed');
  // A yes/no field has no "Required": it is always answered.
  await expect(followUp.getByText('Always answered: unticked is sent as false.')).toBeVisible();
  await expect(followUp.getByRole('checkbox', { name: 'Required' })).toHaveCount(0);
  await add('Long text');
  const notes = dialog.getByRole('group', { name: /^Field 4:/ });
  await notes.getByRole('textbox', { name: 'Label' }).fill('Notes');
  await notes.getByRole('textbox', { name: 'Help text' }).fill('What was agreed with the customer');

  // Reorder with the buttons, then with the keyboard (Alt+↓ in a field's label moves it, focus follows).
  await dialog.getByRole('button', { name: 'Move Notes up' }).click();
  await dialog.getByRole('group', { name: 'Field 1: Minutes' }).getByRole('textbox', { name: 'Label' }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  expect(await fieldNames(page)).toEqual(['Field 1: Channel', 'Field 2: Minutes', 'Field 3: Notes', 'Field 4: Follow-up needed']);
  await expect(dialog.getByRole('group', { name: 'Field 2: Minutes' }).getByRole('textbox', { name: 'Label' })).toBeFocused();
  // Remove one and add it back: the builder writes the template, the JSON view follows.
  await dialog.getByRole('button', { name: 'Remove Notes' }).click();
  expect(await fieldNames(page)).toEqual(['Field 1: Channel', 'Field 2: Minutes', 'Field 3: Follow-up needed']);
  await add('Long text');
  await dialog.getByRole('group', { name: /^Field 4:/ }).getByRole('textbox', { name: 'Label' }).fill('Notes');
  await dialog.getByText('Data template (JSON, for developers)').click();
  await expect(dialog.getByRole('textbox', { name: 'Data template' })).toHaveValue(/"minutes": "\{\{input.minutes\}\}"/);
  await expect(dialog.getByRole('textbox', { name: 'Data template' })).not.toHaveValue(/what_was_agreed/);
  await dialog.getByText('Data template (JSON, for developers)').click();
  await expect(dialog.getByText('Optional fields left empty are not sent')).toBeVisible();
  await dialog.getByRole('group', { name: 'Field 1: Channel' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'form-builder');
  await scanLightAndDark(page);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(library.getByRole('button', { name: 'Use Customer callback' })).toBeVisible();

  // The agent: quick log, the saved event, Ada picked by name, a number, the default choice, "no".
  await page.keyboard.press('ControlOrMeta+1');
  await page.getByRole('radio', { name: 'Quick log (form)' }).click();
  const form = page.getByTestId('quick-log');
  await form.getByRole('button', { name: /Saved event/ }).click();
  await page.getByRole('option', { name: 'Customer callback' }).click();
  await form.getByRole('combobox', { name: 'Customer' }).fill('Ada');
  await page.getByRole('listbox').getByRole('option', { name: /Ada Lovelace/ }).first().click();
  await form.getByRole('textbox', { name: 'Minutes *' }).fill('12');
  await expect(form.getByRole('button', { name: /Channel/ })).toContainText('Phone');
  // Ticked, then unticked again: the answer is "no", and it is not "required".
  await form.getByText('Follow-up needed').click();
  await form.getByText('Follow-up needed').click();
  await expect(form.getByText('What was agreed')).toHaveCount(0);
  await form.getByText('Preview: exactly what will be sent').click();
  const preview = form.getByLabel('Preview of the data');
  await expect(preview).toContainText('"follow_up_needed": false');
  await expect(preview).not.toContainText('notes');
  await expect(page.getByTestId('quick-log-reason')).toHaveText('Ready to send.');
  await screenshot(page, 'form-builder-quick-log');
  await scanLightAndDark(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('response-panel').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'sent');
  const sent = mock.received.filter((request) => request.path === '/v1/events').at(-1)!.body as { name: string; customer: number; data: Record<string, unknown> };
  // Optional and empty: the key is left out, not sent as null.
  expect(sent).toEqual({ name: 'Callback done', customer: 1001, data: { channel: 'Phone', minutes: 12, follow_up_needed: false } });
});

test('the empty library offers the starter events; one click adds them as ordinary saved events', async ({ app: page }) => {
  test.setTimeout(120_000);
  await page.keyboard.press('ControlOrMeta+4');
  const library = page.getByTestId('library-view');
  const offer = library.getByTestId('starter-offer');
  await expect(offer).toContainText('Refund issued: Amount, Currency, Reason');
  await screenshot(page, 'starter-offer');
  await scanLightAndDark(page);
  await offer.getByRole('button', { name: 'Add the 6 starter events' }).click();
  for (const title of ['Call made', 'Refund issued', 'Plan changed', 'Ticket escalated', 'Onboarding step done', 'Note added']) {
    await expect(library.getByRole('button', { name: `Edit ${title}` })).toBeVisible();
  }
  // They are ordinary saved events: edit one in the builder.
  await library.getByRole('button', { name: 'Edit Refund issued' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('group', { name: 'Field 3: Reason' })).toBeVisible();
  expect(await fieldNames(page)).toEqual(['Field 1: Amount', 'Field 2: Currency', 'Field 3: Reason']);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // "New from starter…" again: nothing is added twice.
  await library.getByRole('button', { name: 'New from starter…' }).click();
  await page.getByRole('menuitem', { name: 'All starter events' }).click();
  await expect(library.getByRole('status')).toContainText('Nothing added. Already in the library: Call made, Refund issued');
  await screenshot(page, 'starter-events-added');
});
