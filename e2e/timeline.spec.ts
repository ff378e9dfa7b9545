import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { makeCustomers } from '../tools/mock-api/customers.ts';
import { expect, test } from './fixtures.ts';
import type { AppPage } from './pages/app-page.ts';
import { screenshot } from './support/screenshot.ts';

const second = makeCustomers()[1]!;

/** Searches the picker and picks the customer with this id. */
async function pick(appPage: AppPage, page: Page, search: string, id: number) {
  await appPage.customer.fill('');
  await appPage.customer.click();
  await page.keyboard.type(search);
  const option = page.getByRole('listbox').getByRole('option').filter({ hasText: `id ${id}` }).first();
  await option.click();
  await expect(page.getByTestId('customer-card')).toContainText(`id ${id}`);
}

async function sendToCard(appPage: AppPage, name: string, data: string) {
  await appPage.name.fill(name);
  await appPage.setData(data);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  await expect(appPage.sendButton).toHaveText('Send event');
}

function rows(page: Page) {
  return page.getByRole('grid', { name: 'History entries, newest first' }).getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

test("a customer's timeline: every event sent to them, newest first with outcomes; Log another keeps them picked; History finds them by name and email", async ({ appPage, app: page, mock }) => {
  test.setTimeout(90_000);
  await pick(appPage, page, 'ada.lovelace@example.com', 1001);
  await sendToCard(appPage, 'Call made', '{"minutes": 5}');
  await sendToCard(appPage, 'Refund issued', '{"amount": 20}');
  // Someone else's send is not on Ada's timeline.
  await page.getByRole('button', { name: 'Clear customer' }).click();
  await appPage.compose({ name: 'Call made', customer: '1003', data: '{"minutes": 1}' });
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  await pick(appPage, page, 'ada.lovelace@example.com', 1001);

  // Opened from the composer's customer card.
  const timelineButton = page.getByTestId('customer-card').getByRole('button', { name: 'Timeline of Ada Lovelace' });
  await timelineButton.click();
  const timeline = page.getByRole('dialog', { name: 'Timeline: Ada Lovelace' });
  await expect(timeline).toBeVisible();
  const entries = timeline.getByTestId('timeline-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Refund issued');
  await expect(entries.nth(0)).toContainText('Sent');
  await expect(entries.nth(0)).toContainText(/event #\d+/);
  await expect(entries.nth(1)).toContainText('Call made');
  await expect(entries.nth(1)).toContainText('{"minutes":5}');
  await expect(entries.nth(1)).toHaveAttribute('data-outcome', 'sent');
  await expect(timeline).toContainText('ada.lovelace@example.com');
  await expect(timeline).toContainText('2 events in all.');
  await screenshot(page, 'timeline-from-composer');
  await expectNoSeriousAxeViolations(page);

  // Escape closes it, and focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(timeline).toBeHidden();
  await expect(timelineButton).toBeFocused();

  // "Log another": the customer stays picked, and the event name is ready for the next one.
  await timelineButton.press('Enter');
  await expect(timeline).toBeVisible();
  await timeline.getByRole('button', { name: 'Log another event for Ada Lovelace' }).click();
  await expect(timeline).toBeHidden();
  await expect(page.getByTestId('customer-card')).toContainText('Ada Lovelace');
  await expect(page.getByTestId('customer-card')).toContainText('id 1001');
  await expect(appPage.name).toBeFocused();

  // A customer with nothing sent yet: the timeline says so.
  await page.getByRole('button', { name: 'Clear customer' }).click();
  await pick(appPage, page, String(second.id), second.id);
  await page.getByTestId('customer-card').getByRole('button', { name: /^Timeline of / }).click();
  const empty = page.getByRole('dialog', { name: /^Timeline: / });
  await expect(empty).toContainText(`Nothing sent to ${second.name} from this account yet.`);
  await expect(empty.getByTestId('timeline-entry')).toHaveCount(0);
  await screenshot(page, 'timeline-empty');
  await empty.getByRole('button', { name: 'Close' }).click();
  await expect(empty).toBeHidden();

  // History: the customer field takes a name or an email as well as an id.
  await page.keyboard.press('ControlOrMeta+2');
  await expect(page.getByTestId('match-count')).toHaveText('3 entries');
  const customerField = page.getByRole('textbox', { name: 'Customer id, name or email' });
  await customerField.fill('lovelace');
  await expect(page.getByTestId('match-count')).toHaveText('2 entries match');
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText('Refund issued');
  await screenshot(page, 'history-customer-name-filter');
  await customerField.fill('ADA.LOVELACE@example.com');
  await expect(page.getByTestId('match-count')).toHaveText('2 entries match');
  await customerField.fill(second.name!);
  await expect(page.getByTestId('match-count')).toHaveText('0 entries match');
  await customerField.fill('1003');
  await expect(page.getByTestId('match-count')).toHaveText('1 entry match');
  await customerField.fill('10x');
  await expect(page.getByText('A customer id is a whole number, like 1001.')).toBeVisible();
  await customerField.fill('Ada');
  await expect(page.getByTestId('match-count')).toHaveText('2 entries match');

  // From the history detail too.
  await rows(page).first().click();
  const detail = page.getByTestId('history-detail');
  await detail.getByRole('button', { name: 'Timeline of Ada Lovelace' }).click();
  await expect(timeline.getByTestId('timeline-entry')).toHaveCount(2);
  await screenshot(page, 'timeline-from-history');
  await timeline.getByRole('button', { name: 'Log another event for Ada Lovelace' }).click();
  await expect(timeline).toBeHidden();
  // The composer, with Ada picked (her card) and the draft's event name kept.
  await expect(page.getByRole('heading', { name: 'New event' })).toBeVisible();
  await expect(page.getByTestId('customer-card')).toContainText('Ada Lovelace');
  await expect(page.getByTestId('customer-card')).toContainText('1001');
  expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(3);
});

test('the quick log has the same Timeline on its customer card; Log another goes back to choosing the saved event', async ({ appPage, app: page }) => {
  await pick(appPage, page, 'ada.lovelace@example.com', 1001);
  await sendToCard(appPage, 'Call made', '{"minutes": 7}');
  await page.getByRole('radio', { name: 'Quick log (form)' }).click();
  const form = page.getByTestId('quick-log');
  await form.getByRole('button', { name: /Add the \d+ starter events/ }).click();
  // The customer is shared with the JSON view: Ada is still picked.
  await expect(form.getByTestId('customer-card')).toContainText('Ada Lovelace');
  const timelineButton = form.getByRole('button', { name: 'Timeline of Ada Lovelace' });
  await timelineButton.click();
  const timeline = page.getByRole('dialog', { name: 'Timeline: Ada Lovelace' });
  await expect(timeline.getByTestId('timeline-entry')).toHaveCount(1);
  await expect(timeline.getByTestId('timeline-entry')).toContainText('{"minutes":7}');
  await screenshot(page, 'timeline-from-quick-log');
  await expectNoSeriousAxeViolations(page);
  await timeline.getByRole('button', { name: 'Log another event for Ada Lovelace' }).click();
  await expect(timeline).toBeHidden();
  await expect(form.getByTestId('customer-card')).toContainText('id 1001');
  await expect(form.getByRole('button', { name: /Saved event/ })).toBeFocused();
});
