import AxeBuilder from '@axe-core/playwright';
import type { MockServer } from '../tools/mock-api/server.ts';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const searches = (mock: MockServer) => mock.received.filter((request) => request.path === '/v1/customers/search');

test('type part of a name, pick with the keyboard, and the event goes to that customer', async ({ appPage, mock, app: page }) => {
  await appPage.name.fill('Call made');
  await appPage.customer.click();
  await page.keyboard.type('lovelace', { delay: 30 });
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText('Lovelace');
  await expect(page.getByTestId('customer-search-status')).toContainText(/found|Showing/);
  await screenshot(page, 'picker-results');
  const firstText = (await options.first().textContent()) ?? '';
  const id = Number(/id (\d+)/.exec(firstText)?.[1]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const card = page.getByTestId('customer-card');
  await expect(card).toContainText(`id ${id}`);
  await expect(card).toContainText('Lovelace');
  await screenshot(page, 'picker-selected');
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  const sent = mock.received.filter((request) => request.path === '/v1/events');
  expect(sent.map((request) => (request.body as { customer: number }).customer)).toEqual([id]);
  // The request matched the documented picker query.
  expect(searches(mock).at(-1)?.body).toMatchObject({ comparison: 'OR', sort: 'customers.lastSeen', order: 'desc' });
});

test('typing an email at 8 characters per second costs at most 3 searches', async ({ appPage, mock, app: page }) => {
  // A loaded machine can hold a keystroke past the 250 ms pause that starts a search: each such pause
  // (measured in the page) may add one search; without the debounce it would be one per character (24).
  await page.evaluate(() => {
    const times: number[] = [];
    (window as unknown as { keystrokes: number[] }).keystrokes = times;
    document.addEventListener('input', () => times.push(performance.now()), true);
  });
  await appPage.customer.click();
  await page.keyboard.type('ada.lovelace@example.com', { delay: 125 });
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText('Ada Lovelace');
  const times = await page.evaluate(() => (window as unknown as { keystrokes: number[] }).keystrokes);
  const pauses = times.slice(1).filter((time, index) => time - times[index]! >= 250).length;
  expect(searches(mock).length).toBeGreaterThanOrEqual(1);
  expect(searches(mock).length).toBeLessThanOrEqual(3 + pauses);
});

test('recent customers are offered at once, without a request', async ({ appPage, mock, app: page }) => {
  await appPage.customer.click();
  await page.keyboard.type('1002');
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText('id 1002');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-card')).toContainText('id 1002');
  await page.getByRole('button', { name: 'Clear customer' }).click();
  const before = searches(mock).length;
  await appPage.customer.click();
  const recent = page.getByRole('listbox').getByRole('group');
  await expect(page.getByRole('listbox')).toContainText('Recent');
  await expect(recent.getByRole('option').first()).toContainText('id 1002');
  await screenshot(page, 'picker-recent');
  expect(searches(mock).length).toBe(before);
});

test('Ctrl/Cmd+K focuses the picker from anywhere', async ({ appPage, app: page }) => {
  await appPage.name.click();
  await page.keyboard.press('ControlOrMeta+k');
  await expect(appPage.customer).toBeFocused();
});

test('no match, and a query too long to send', async ({ appPage, mock, app: page }) => {
  await appPage.customer.click();
  await page.keyboard.type('zzzz-nobody');
  await expect(page.getByTestId('customer-search-status')).toHaveText('No customers match "zzzz-nobody".');
  const before = searches(mock).length;
  await appPage.customer.fill('x'.repeat(201));
  await expect(page.getByTestId('customer-search-status')).toContainText('too long');
  await page.waitForTimeout(400); // longer than the debounce: prove no request follows
  expect(searches(mock).length).toBe(before);
});

test('one letter does not search', async ({ appPage, mock, app: page }) => {
  await appPage.customer.click();
  await page.keyboard.type('a');
  await expect(page.getByTestId('customer-search-status')).toContainText('Type at least 2 characters');
  await page.waitForTimeout(400);
  expect(searches(mock)).toHaveLength(0);
});

test.describe('search failures', () => {
  test('rate limited: shows the wait while it retries, then the results', async ({ appPage, mock, app: page }) => {
    mock.injectFault({ path: '/v1/customers/search', kind: 'status', status: 429, retryAfter: 2 });
    await appPage.customer.click();
    // One input event: the one debounced search is the one that meets the fault, however slow the machine.
    await appPage.customer.fill('grace');
    await expect(page.getByTestId('customer-search-status')).toContainText("HelpCrunch's rate limit was reached. Retrying in 2 s…");
    await screenshot(page, 'picker-rate-limited');
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText('Grace');
    expect(searches(mock)).toHaveLength(2);
  });

  test('offline: the network error in words', async ({ appPage, mock, app: page }) => {
    mock.injectFault({ path: '/v1/customers/search', kind: 'reset' });
    await appPage.customer.click();
    // One input event: the one debounced search is the one that meets the fault, however slow the machine.
    await appPage.customer.fill('grace');
    await expect(page.getByTestId('customer-search-status')).toContainText('connection');
  });

  test('an unexpected answer is shown with an excerpt', async ({ appPage, mock, app: page }) => {
    mock.injectFault({ path: '/v1/customers/search', kind: 'malformed', status: 200 });
    await appPage.customer.click();
    // One input event: the one debounced search is the one that meets the fault, however slow the machine.
    await appPage.customer.fill('grace');
    await expect(page.getByTestId('customer-search-status')).toContainText('Bad Gateway');
  });
});

test.describe('with a wrong key', () => {
  test.use({ storedKey: 'wrong-key-0000000000000' });
  test('the picker says so and links to settings', async ({ appPage, app: page }) => {
    await appPage.customer.click();
    await page.keyboard.type('grace');
    const status = page.getByTestId('customer-search-status');
    await expect(status).toContainText('did not accept the API key');
    await page.keyboard.press('Escape');
    await screenshot(page, 'picker-wrong-key');
    await status.getByRole('button', { name: 'Open settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  });
  test('the open list shows the key problem where the agent looks, with "Open Settings"', async ({ appPage, app: page }) => {
    await appPage.customer.click();
    await page.keyboard.type('grace');
    const problem = page.locator('.popover').getByTestId('picker-problem');
    await expect(problem).toContainText('did not accept the API key');
    await expect(page.locator('.popover')).not.toContainText('No matching customers yet.');
    await screenshot(page, 'picker-problem-in-list');
    await problem.getByRole('button', { name: 'Open Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  });
});

test('HelpCrunch down: the open list says so and "Try again" searches again', async ({ appPage, mock, app: page }) => {
  mock.injectFault({ path: '/v1/customers/search', kind: 'status', status: 503, body: '{"errors":[{"code":"unavailable","message":"Down for maintenance"}]}' });
  await appPage.customer.click();
  await appPage.customer.fill('lovelace');
  const problem = page.locator('.popover').getByTestId('picker-problem');
  await expect(problem).toContainText('503');
  await expect(page.locator('.popover')).not.toContainText('No matching customers yet.');
  await screenshot(page, 'picker-down-in-list');
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText('Lovelace');
  await expect(problem).toBeHidden();
});

test('the open picker has no serious accessibility violations', async ({ appPage, app: page }) => {
  await appPage.customer.click();
  await page.keyboard.type('zo');
  await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).include('.customer-field').include('.popover').analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

test('a typed id says whose it is, or that nobody has it', async ({ appPage, app: page }) => {
  await appPage.customer.click();
  await page.keyboard.type('1001');
  await expect(page.getByTestId('customer-search-status')).toContainText('Id 1001 is Ada Lovelace · ada.lovelace@example.com');
  await appPage.customer.fill('999999');
  await expect(page.getByTestId('customer-search-status')).toContainText('No HelpCrunch customer has id 999999');
});
