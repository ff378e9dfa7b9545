import { freePort } from '../tools/free-port.ts';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const event = { name: 'Refund issued', customer: '1001', data: '{"amount": 20}' };

test('400: the specific errors from HelpCrunch are listed, not the generic one', async ({ appPage, mock, app: page }) => {
  mock.injectFault({
    path: '/v1/events',
    kind: 'status',
    status: 400,
    body: JSON.stringify({ errors: [{ code: 'invalid_request', message: 'Invalid request' }, { code: 'data.amount', message: 'This value should be of type string.' }] }),
  });
  await appPage.compose(event);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'rejected');
  await expect(appPage.response.getByRole('list', { name: 'Errors from HelpCrunch' })).toHaveText('data.amount This value should be of type string.');
  await expect(appPage.response.locator('.outcome-message')).toHaveText('HelpCrunch rejected the event (400): data.amount: This value should be of type string. Correct it before sending again.');
  await screenshot(page, 'composer-error-400');
});

test.describe('a wrong key', () => {
  test.use({ storedKey: 'wrong-key-0000000000000' });

  test('401: says the key was refused and opens settings', async ({ appPage, app: page }) => {
    await appPage.compose(event);
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'unauthorized');
    await expect(appPage.response).toContainText('did not accept the API key (401');
    await screenshot(page, 'composer-error-401');
    await appPage.response.getByRole('button', { name: 'Open settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  });
});

test('404: the customer does not exist', async ({ appPage, mock }) => {
  await appPage.compose({ ...event, customer: '999999' });
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'not_found');
  await expect(appPage.response).toContainText('no customer with id 999999 (404)');
  expect(mock.received.filter((r) => r.path === '/v1/events')).toHaveLength(1);
});

test('429: retried automatically, then kept in the outbox, saying why', async ({ appPage, mock, app: page }) => {
  mock.injectFault({ path: '/v1/events', kind: 'status', status: 429, retryAfter: 0, count: 100 });
  await appPage.compose(event);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'queued');
  await expect(appPage.response).toContainText('In the outbox — will be sent automatically');
  await expect(page.getByTestId('queued-reason')).toContainText('rate limit');
  await expect(page.getByTestId('queued-reason')).toContainText('5 attempts');
  await expect(page.getByTestId('queued-next')).toContainText(/Next try in \d+ s\.|Trying again now\./);
  // Queued means nothing for the agent to do: no words invite a second, duplicate send.
  await expect(appPage.response).not.toContainText(/then send again|send it again now|Wait a minute/i);
  await expect(appPage.response).toContainText('do not send it again');
  expect(mock.received.filter((r) => r.path === '/v1/events')).toHaveLength(5);
  await screenshot(page, 'composer-error-429');
});

test('503: retried, then kept in the outbox, saying it was not created', async ({ appPage, mock }) => {
  mock.injectFault({ path: '/v1/events', kind: 'status', status: 503, retryAfter: 0, count: 100 });
  await appPage.compose(event);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'queued');
  await expect(appPage.response).toContainText('not taking requests right now (503) after 5 attempts');
});

test('500 after HelpCrunch stored the event: "Outcome unknown", never retried, never queued', async ({ appPage, mock, app: page }) => {
  mock.injectFault({ path: '/v1/events', kind: 'status', status: 500, afterStore: true });
  await appPage.compose(event);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'server_error');
  await expect(appPage.response).toContainText('Outcome unknown');
  await expect(appPage.response).toContainText('may or may not have been created');
  expect(mock.received.filter((r) => r.path === '/v1/events')).toHaveLength(1);
  expect(mock.events).toHaveLength(1);
  await screenshot(page, 'composer-outcome-unknown');
  // Sending it again asks first: the same event may have landed.
  await appPage.send();
  await expect(page.getByRole('alertdialog')).toContainText('may have landed');
  await screenshot(page, 'composer-outcome-unknown-send-again');
});

test('a non-JSON answer: status and a short excerpt', async ({ appPage, mock }) => {
  mock.injectFault({ path: '/v1/events', kind: 'malformed', status: 200 });
  await appPage.compose(event);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'unexpected_response');
  await expect(appPage.response).toContainText('Bad Gateway');
});

test('connection reset: a network error in words', async ({ appPage, mock }) => {
  mock.injectFault({ path: '/v1/events', kind: 'reset' });
  await appPage.compose(event);
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'network_error');
});

test.describe('a server that never answers', () => {
  // Long enough that the in-flight state is still on screen when a loaded machine gets to look at it.
  test.use({ mainEnv: { EVENT_DESK_REQUEST_TIMEOUT_MS: '8000' } });

  test('times out, says the event may exist, and keeps the attempt in history', async ({ appPage, mock, app: page }) => {
    mock.injectFault({ path: '/v1/events', kind: 'hang' });
    await appPage.compose(event);
    await appPage.send();
    await expect(appPage.response).toContainText('Sending to HelpCrunch…');
    await screenshot(page, 'composer-sending');
    await expect(appPage.historyItems.first()).toContainText('Sending…');
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'timeout');
    await expect(appPage.response).toContainText('did not answer within 8 s');
    await expect(appPage.historyItems.first()).toContainText('Outcome unknown (timed out)');
  });
});

test.describe('nothing listening at the API URL', () => {
  let port = 0;
  test.beforeAll(async () => {
    port = await freePort();
  });
  test.use({ apiBaseUrl: async ({}, use) => use(`http://127.0.0.1:${port}/v1`) });

  test('offline: the connection refusal is named, and the event waits in the outbox', async ({ appPage, app: page }) => {
    await appPage.compose(event);
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'queued');
    await expect(page.getByTestId('outbox-badge')).toHaveText('Outbox 1');
    await expect(appPage.response).toContainText('refused the connection');
    await screenshot(page, 'composer-error-offline');
  });
});
