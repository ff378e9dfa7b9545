import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

test.describe('with no key', () => {
  test.use({ storedKey: null });

  test('the key field explains a wrongly pasted key before saving', async ({ appPage }) => {
    const dialog = await appPage.openSettings();
    const input = dialog.getByRole('textbox', { name: 'API key', exact: true });
    await input.fill('Bearer abcdefghijklmnopqrstu');
    await expect(dialog).toContainText('without the word "Bearer"');
    await input.fill('"abcdefghijklmnopqrstu"');
    await expect(dialog).toContainText('without quotes or brackets');
    await expect(dialog.getByTestId('key-status')).toHaveText('No API key yet.');
  });

  test('the key never reaches the page: only its last 4 characters', async ({ appPage, mock, app: page }) => {
    const dialog = await appPage.openSettings();
    await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(mock.apiKey);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect(dialog.getByTestId('key-status')).toContainText(mock.apiKey.slice(-4));
    await expect(dialog.getByRole('textbox', { name: 'Replace API key' })).toHaveValue('');
    // The emptied field is ready for the next key, not a mistake: no error on it.
    await expect(dialog.locator('.field-error, [slot="errorMessage"]')).toHaveCount(0);
    await expect(dialog.getByRole('textbox', { name: 'Replace API key' })).not.toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Escape');
    await appPage.compose({ name: 'Call made', customer: '1001', data: '{}' });
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
    await appPage.historyItems.first().click();
    await expect(page.getByTestId('history-detail')).toBeVisible();
    // Everything the page holds or was ever given by main.
    const seen = await page.evaluate(async () => {
      const api = window.api;
      const answers = await Promise.all([api.settings.get(undefined), api.history.list({ limit: 50, beforeId: null }), api.key.test(undefined)]);
      return [document.documentElement.outerHTML, JSON.stringify(localStorage), JSON.stringify(sessionStorage), JSON.stringify(answers)].join('\n');
    });
    expect(seen).toContain(mock.apiKey.slice(-4));
    expect(seen).not.toContain(mock.apiKey);
  });
});

test('test connection, then removing the key asks first', async ({ appPage, mock, app: page }) => {
  const dialog = await appPage.openSettings();
  await expect(dialog.getByTestId('key-status')).toContainText(`Saved in the system keychain · ends in ${mock.apiKey.slice(-4)}`);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('connection-verdict')).toHaveText('Connected: HelpCrunch accepted the key.');
  await screenshot(page, 'settings-key-set');
  mock.injectFault({ kind: 'status', status: 429 });
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('connection-verdict')).toHaveAttribute('data-verdict', 'rate_limited');
  await dialog.getByRole('button', { name: 'Remove key' }).click();
  await expect(dialog.getByRole('group', { name: 'Confirm removing the key' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog.getByTestId('key-status')).toHaveText('No API key yet.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'No API key' })).toHaveText('No API key');
});

test.describe('a wrong key', () => {
  test.use({ storedKey: 'wrong-key-0000000000000' });
  test('test connection says the key is wrong', async ({ appPage }) => {
    const dialog = await appPage.openSettings();
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByTestId('connection-verdict')).toHaveAttribute('data-verdict', 'wrong_key');
    await expect(dialog.getByTestId('connection-verdict')).toContainText('did not accept this key (401');
  });
});

test.describe('no usable keychain', () => {
  test.use({ keychain: 'unavailable', storedKey: null });

  test('says why, how to fix it, and offers a session-only key that works', async ({ appPage, mock, app: page }) => {
    const dialog = await appPage.openSettings();
    await expect(dialog.getByTestId('keychain-problem')).toContainText('No system keychain (Secret Service) is running');
    await expect(dialog.getByTestId('keychain-problem')).toContainText('GNOME Keyring');
    await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(mock.apiKey);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect(dialog.getByTestId('keychain-problem')).toBeVisible();
    await screenshot(page, 'settings-keychain-unavailable');
    await dialog.getByRole('button', { name: 'Use this key for this session only' }).click();
    await expect(dialog.getByTestId('key-status')).toContainText('Held in memory for this session only');
    await page.keyboard.press('Escape');
    await appPage.compose({ name: 'Call made', customer: '1001', data: '{}' });
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  });
});

test('the API base URL field accepts only https or this computer', async ({ appPage, mock }) => {
  const dialog = await appPage.openSettings();
  await expect(dialog.getByTestId('base-url')).toContainText(`${mock.url}, set by HELPCRUNCH_API_URL`);
  await expect(dialog.getByRole('textbox', { name: 'Custom base URL' })).toBeDisabled();
});

test('Ctrl/Cmd+, opens settings with focus in the key field', async ({ appPage: { page } }) => {
  await page.keyboard.press('ControlOrMeta+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /API key/ })).toBeFocused();
});

test('history retention is validated where typed and saved', async ({ appPage }) => {
  const dialog = await appPage.openSettings();
  await expect(dialog.getByTestId('retention-status')).toHaveText('Every send is kept until you delete it.');
  const days = dialog.getByRole('textbox', { name: 'Remove entries older than (days)' });
  await days.fill('0');
  await expect(dialog).toContainText('Enter a number of days from 1 to 36500');
  await days.fill('90');
  await dialog.getByRole('button', { name: 'Save retention' }).click();
  await expect(dialog.getByTestId('retention-status')).toHaveText('Entries older than 90 days are removed when Event Desk starts.');
});
