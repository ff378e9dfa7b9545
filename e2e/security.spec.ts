import { startMockServer, type MockServer } from '../tools/mock-api/server.ts';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

// A renderer that has been taken over (an XSS, a bad dependency) calls window.api directly.
test.describe('a hostile renderer cannot send the key to a server of its choosing', () => {
  test.use({ baseUrlFrom: 'settings' });
  let attacker: MockServer;
  test.beforeEach(async ({ mock }) => {
    attacker = await startMockServer({ apiKey: mock.apiKey });
  });
  test.afterEach(async () => {
    await attacker.close();
  });

  test('moving the base URL elsewhere withholds the key and says so', async ({ appPage, app: page }) => {
    await page.evaluate((url) => window.api.settings.setBaseUrl({ baseUrl: url }), attacker.url);
    await page.evaluate(() => window.api.key.test(undefined));
    await page.reload();
    await page.waitForSelector('body[data-app-ready="true"]');
    await expect(page.getByRole('button', { name: 'Key not sent to this address' })).toBeVisible();
    await appPage.compose({ name: 'Call made', customer: '1001', data: '{"minutes": 5}' });
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'unauthorized');
    await expect(appPage.response).toContainText('does not send it to');
    const dialog = await appPage.openSettings();
    await expect(dialog.getByTestId('key-status')).toContainText('not sent');
    await screenshot(page, 'settings-key-withheld');
    expect(attacker.received.filter((request) => request.authorization !== undefined)).toEqual([]);
  });

  test.describe('when the person confirms in main\'s own dialog', () => {
    test.use({ confirmKeyOrigin: true });
    test('the key goes to the new address', async ({ appPage, app: page }) => {
      await page.evaluate((url) => window.api.settings.setBaseUrl({ baseUrl: url }), attacker.url);
      await appPage.compose({ name: 'Call made', customer: '1001', data: '{}' });
      await appPage.send();
      await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
      // (The picker may also have looked customer 1001 up there: only the event matters here.)
      expect(attacker.received.filter((request) => request.path === '/v1/events').map((request) => request.authorization)).toEqual([`Bearer ${attacker.apiKey}`]);
    });
  });
});

test('a search with no words says so and matches nothing', async ({ appPage, app: page }) => {
  await appPage.compose({ name: 'Call made', customer: '1001', data: '{}' });
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  await page.keyboard.press('ControlOrMeta+2');
  await page.getByRole('searchbox', { name: 'Search history' }).fill('"*"');
  await expect(page.getByText('No words to search for: type letters or digits.')).toBeVisible();
  await expect(page.getByTestId('match-count')).toHaveText('0 entries match');
});
