import AxeBuilder from '@axe-core/playwright';
import { freePort } from '../tools/free-port.ts';
import { startMockServer } from '../tools/mock-api/server.ts';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

let port = 0;
test.describe('when HelpCrunch cannot be reached', () => {
  test.use({
    apiBaseUrl: async ({}, use) => {
      port = await freePort();
      await use(`http://127.0.0.1:${port}/v1`);
    },
  });

  test('a logged event goes to the outbox, the badge counts it, and it is sent once HelpCrunch is back', async ({ appPage, app: page, mock }) => {
    await appPage.compose({ name: 'Call made', customer: '1001', data: '{"minutes": 5}' });
    await appPage.send();
    const queued = page.getByTestId('queued-in-outbox');
    await expect(queued).toContainText('In the outbox — will be sent automatically');
    await expect(page.getByTestId('queued-reason')).toContainText('Why:');
    await expect(page.getByTestId('queued-next')).toContainText(/Next try|Trying again now/);
    await expect(queued).not.toContainText(/Not sent\.|then send again|Wait a minute/i);
    await screenshot(page, 'composer-offline-queued');
    await expect(page.getByTestId('outbox-badge')).toHaveText('Outbox 1');
    await appPage.compose({ name: 'Call made', customer: '1001', data: '{"minutes": 6}' });
    await appPage.send();
    await expect(page.getByTestId('outbox-badge')).toHaveText('Outbox 2');
    // Recent sends says where they are, never "Network error" (which reads as "send it again").
    const recent = page.getByLabel('Recent sends, newest first');
    // Two sends, and the outbox's own tries while HelpCrunch is down add rows of their own (as many as a busy machine allows).
    await expect(recent.getByText('In the outbox').nth(1)).toBeVisible();
    await expect(recent).not.toContainText('Network error');
    await screenshot(page, 'outbox-badge');

    await page.getByTestId('outbox-badge').click();
    const dialog = page.getByTestId('outbox-dialog');
    await expect(dialog.getByTestId('outbox-item')).toHaveCount(2);
    await screenshot(page, 'outbox-dialog');
    const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
    expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

    const back = await startMockServer({ port, apiKey: mock.apiKey });
    try {
      await dialog.getByRole('button', { name: 'Send now' }).click();
      // The outbox's own probe may get there first (it runs by itself); either way both go, in order, once.
      await expect(dialog).toContainText(/Delivered 2\.|The outbox is empty\./);
      await expect(page.getByTestId('outbox-badge')).toBeHidden();
      expect(back.received.filter((request) => request.path === '/v1/events').map((request) => (request.body as { data: { minutes: number } }).data.minutes)).toEqual([5, 6]);
      await page.keyboard.press('Escape');
      await expect(recent.getByText('Sent later by the outbox').first()).toBeVisible();
      await expect(recent.getByText('In the outbox')).toHaveCount(0);
    } finally {
      await back.close();
    }
  });
});
