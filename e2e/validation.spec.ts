import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const valid = { name: 'Call made', customer: '1001', data: '{"minutes": 5}' };

test.afterEach(({ mock }) => {
  // Whatever was typed, nothing invalid may reach HelpCrunch.
  expect(mock.received.filter((r) => r.path === '/v1/events')).toHaveLength(0);
});

test('a fresh composer explains what is missing', async ({ appPage, app: page }) => {
  await expect(appPage.name).toBeFocused();
  await expect(appPage.sendButton).toBeDisabled();
  await expect(appPage.sendReason).toContainText('Enter an event name.');
  await expect(appPage.sendReason).toContainText('Choose a customer: search by name or email, or type their id.');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByText('Enter an event name.').first()).toBeVisible();
});

for (const [name, message] of [
  ['   ', 'Enter an event name.'],
  ['x'.repeat(256), 'Keep the event name to 255 characters or fewer.'],
] as [string, string][]) {
  test(`event name ${JSON.stringify(name.slice(0, 10))}… is refused under the field`, async ({ appPage }) => {
    await appPage.compose({ ...valid, name });
    await expect(appPage.page.getByRole('combobox', { name: 'Event name' })).toHaveAttribute('aria-invalid', 'true');
    await expect(appPage.page.locator('.field', { has: appPage.name })).toContainText(message);
    await expect(appPage.sendButton).toBeDisabled();
  });
}

for (const [customer, message] of [
  ['', 'Choose a customer: search by name or email, or type their id.'],
  ['abc', 'digits only'],
  ['12.5', 'digits only'],
  ['-3', 'digits only'],
  ['1e3', 'digits only'],
  ['0', 'greater than zero'],
  ['9007199254740992', 'too large'],
] as [string, string][]) {
  test(`customer ${JSON.stringify(customer)} is refused under the field`, async ({ appPage, app: page }) => {
    await appPage.compose({ ...valid, customer: customer || 'x' });
    if (customer === '') {
      await appPage.customer.fill('');
      await appPage.customer.press('Escape');
    }
    // Text that is not an id may be a search in progress: its message shows once Send is tried.
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.locator('.field', { has: appPage.customer })).toContainText(message);
    await expect(appPage.customer).toHaveAttribute('aria-invalid', 'true');
    await expect(appPage.sendButton).toBeDisabled();
    await expect(appPage.sendReason).toContainText(message);
    if (customer === 'abc') await screenshot(page, 'composer-invalid-customer');
  });
}

test('broken JSON is marked in the editor and explained with its line', async ({ appPage, app: page }) => {
  await appPage.compose({ ...valid, data: '{\n  "minutes": 5,\n  "by" "Ann"\n}' });
  await expect(page.getByTestId('data-error')).toContainText('Data is not valid JSON');
  await expect(page.getByTestId('data-error')).toContainText('line 3');
  // Monaco's own marker (a squiggle) shows where.
  await expect(appPage.dataEditor.locator('.squiggly-error').first()).toBeVisible();
  await expect(appPage.sendButton).toBeDisabled();
  await screenshot(page, 'composer-invalid-json');
});

for (const [data, fragment] of [
  ['[1, 2]', 'not an array'],
  ['"text"', 'not a string'],
  ['null', 'not null'],
  ['42', 'not a number'],
] as [string, string][]) {
  test(`data ${data} is refused: it must be an object`, async ({ appPage, app: page }) => {
    await appPage.compose({ ...valid, data });
    await expect(page.getByTestId('data-error')).toContainText(fragment);
    await expect(appPage.sendButton).toBeDisabled();
  });
}

test('a body over 64 KiB is refused with its size', async ({ appPage, app: page }) => {
  await appPage.compose({ ...valid, data: JSON.stringify({ notes: 'a'.repeat(70_000) }) });
  await expect(page.getByTestId('data-error')).toContainText('larger than 64 KiB');
  await expect(appPage.sendButton).toBeDisabled();
});

test('fixing every field enables Send', async ({ appPage }) => {
  await appPage.compose({ name: '', customer: 'abc', data: '[' });
  await expect(appPage.sendButton).toBeDisabled();
  await appPage.compose(valid);
  await expect(appPage.sendReason).toHaveText('Ready to send.');
  await expect(appPage.sendButton).toBeEnabled();
  await screenshot(appPage.page, 'composer-valid');
});
