import { expect, test } from './fixtures.ts';

test.describe('sending an event', () => {
  test.use({ storedKey: null });

  test('set the key, compose, send: the success shows in the response and in history', async ({ appPage, mock, app: page }) => {
    await expect(page.getByRole('button', { name: 'No API key' })).toHaveText('No API key');
    await expect(appPage.sendReason).toHaveText('Add your HelpCrunch API key in Settings first.');

    const dialog = await appPage.openSettings();
    await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(mock.apiKey);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect(dialog.getByTestId('key-status')).toContainText(`Saved in the system keychain · ends in ${mock.apiKey.slice(-4)}`);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByTestId('connection-verdict')).toHaveAttribute('data-verdict', 'works');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{"amount": 20, "currency": "EUR"}' });
    await expect(appPage.sendReason).toHaveText('Ready to send.');
    await appPage.send();

    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
    await expect(appPage.response).toContainText('Event created');
    const eventId = await appPage.response.getByTestId('event-id').textContent();
    const sent = mock.received.filter((request) => request.path === '/v1/events');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ name: 'Refund issued', customer: 1001, data: { amount: 20, currency: 'EUR' } });
    expect(Number(eventId)).toBeGreaterThan(0);

    await expect(appPage.historyItems).toHaveCount(1);
    await expect(appPage.historyItems.first()).toContainText('Refund issued');
    await expect(appPage.historyItems.first()).toContainText('Sent');
  });
});

test('Ctrl+Enter sends once from anywhere in the composer, even when pressed twice', async ({ appPage, mock, app: page }) => {
  // Long enough that the second press surely lands while the first send is in flight, even on a loaded machine.
  mock.injectFault({ path: '/v1/events', kind: 'latency', ms: 5000 });
  await appPage.compose({ name: 'Call made', customer: '1002', data: '{"minutes": 5}' });
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(appPage.response).toContainText('Sending to HelpCrunch…');
  await expect(appPage.sendButton).toHaveText('Sending…');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent', { timeout: 15_000 });
  expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);
  // Monaco did not get the shortcut: no new line was inserted into the data.
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('event-desk:draft') ?? '{}') as { data: string });
  expect(draft.data).toBe('{"minutes": 5}');
});

test('a history entry shows its request and response, and loads back into the composer', async ({ appPage }) => {
  await appPage.compose({ name: 'Plan upgraded', customer: '1003', data: '{"plan": "pro"}' });
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  await appPage.name.fill('Something else');
  await appPage.historyItems.first().click();
  const detail = appPage.page.getByTestId('history-detail');
  await expect(detail.getByLabel('Request body')).toContainText('"plan": "pro"');
  await expect(detail.getByLabel('Response body')).toContainText('"id"');
  await detail.getByRole('button', { name: 'Load into composer' }).click();
  await expect(appPage.name).toHaveValue('Plan upgraded');
  await expect(appPage.customer).toHaveValue('1003');
});

test('what is typed survives a reload (or a crash) of the window', async ({ appPage, app: page }) => {
  await appPage.compose({ name: 'Half-written event', customer: '1002', data: '{"step": 2}' });
  await page.reload();
  await page.waitForSelector('body[data-app-ready="true"]');
  await expect(appPage.name).toHaveValue('Half-written event');
  await expect(appPage.customer).toHaveValue('1002');
  await expect(appPage.sendReason).toHaveText('Ready to send.');
});
