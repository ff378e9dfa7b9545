import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const LINES = [
  { name: 'Plan upgraded', customer: 1001, data: { plan: 'pro', n: 1 } },
  { name: 'Plan upgraded', customer: 1002, data: { plan: 'pro', n: 2 } },
  'not json at all',
  { name: '', customer: 1003, data: {} },
  { name: 'Plan upgraded', customer: 1004, data: { plan: 'team', n: 4 } },
  { name: 'Plan upgraded', customer: 1005, data: { plan: 'team', n: 5 } },
  { name: 'Plan upgraded', customer: 1006, data: { plan: 'team', n: 6 } },
  { name: 'Plan upgraded', customer: 1007, data: { plan: 'team', n: 7 } },
];

test.describe('replaying a file', () => {
  test.use({
    replayFile: async ({}, use, testInfo) => {
      const path = testInfo.outputPath('events.ndjson');
      writeFileSync(path, `${LINES.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`);
      await use(path);
    },
    exportPath: async ({}, use, testInfo) => use(testInfo.outputPath('results.csv')),
  });

  test('plan with invalid lines, start, pause, resume, retry the failed, export the results', async ({ app: page, mock }, testInfo) => {
    // Six sends at 120 a minute, three 503s with backoff, a pause: real time, on purpose.
    test.setTimeout(60_000);
    // The first item's three tries all get 503: it ends "failed" and can be retried.
    mock.injectFault({ kind: 'status', status: 503, count: 3, path: '/v1/events' });
    await page.keyboard.press('ControlOrMeta+3');
    await page.getByRole('button', { name: 'Replay a file…' }).click();
    const detail = page.getByTestId('job-detail');
    const plan = detail.getByTestId('plan');
    await expect(plan).toContainText('8 read · 6 to send · 2 invalid (never sent) · 0 already delivered');
    await expect(plan).toContainText('line 3: not valid JSON');
    await expect(plan).toContainText('line 4: name: Enter an event name.');
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
    await screenshot(page, 'jobs-plan');

    await plan.getByRole('button', { name: 'Send 6 events' }).click();
    await expect(detail.getByTestId('job-state')).toHaveText('Running');
    await expect(detail.getByTestId('count-sent')).toBeVisible({ timeout: 15_000 });
    await detail.getByRole('button', { name: 'Pause' }).click();
    await expect(detail.getByTestId('job-state')).toHaveText('Paused');
    const sentAtPause = mock.received.filter((request) => request.path === '/v1/events').length;
    await page.waitForTimeout(1200);
    expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(sentAtPause);
    await screenshot(page, 'jobs-paused');

    await detail.getByRole('button', { name: /^Resume/ }).click();
    await expect(detail.getByTestId('job-state')).toHaveText('Finished', { timeout: 20_000 });
    await expect(detail.getByTestId('count-failed')).toContainText('1');
    await detail.getByRole('button', { name: 'Retry 1 failed' }).click();
    await detail.getByRole('button', { name: 'Resume (1 left)' }).click();
    await expect(detail.getByTestId('job-state')).toHaveText('Finished', { timeout: 20_000 });
    await expect(detail.getByTestId('count-sent')).toContainText('6');
    await expect(detail.getByTestId('count-invalid')).toContainText('2');
    // Every valid line arrived exactly once.
    const bodies = mock.received.filter((request) => request.path === '/v1/events').map((request) => JSON.stringify(request.body));
    const delivered = new Set(bodies);
    expect(delivered.size).toBe(6);
    await screenshot(page, 'jobs-finished');

    await detail.getByRole('button', { name: 'Export results…' }).click();
    await page.getByRole('menuitem', { name: 'Spreadsheet (.csv)' }).click();
    await expect(detail).toContainText('Exported 8 items');
    const csv = readFileSync(testInfo.outputPath('results.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('seq,line,state,name,customer,data,httpStatus,eventId,historyId,attempts,error');
    expect(csv).toHaveLength(9);

    const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
    expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  });
});

test('sending the same event again asks first, from the composer and from history', async ({ appPage, app: page, mock }) => {
  await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{"amount": 20}' });
  await appPage.send();
  await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  await appPage.send();
  const dialog = page.getByRole('alertdialog', { name: 'Send this event again?' });
  await expect(dialog).toContainText('Already delivered on');
  await expect(dialog).toContainText('as event #');
  await screenshot(page, 'duplicate-warning');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);

  await page.keyboard.press('ControlOrMeta+2');
  await page.getByRole('grid').getByRole('row').nth(1).click();
  const detail = page.getByTestId('history-detail');
  await detail.getByRole('button', { name: 'Send again' }).click();
  await page.getByRole('alertdialog', { name: 'Send this event again?' }).getByRole('button', { name: 'Send again' }).click();
  await expect(detail.getByTestId('detail-status')).toContainText('Sent again: Sent as event #');
  expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(2);
});
