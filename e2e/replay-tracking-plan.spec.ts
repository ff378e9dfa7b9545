import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

// Issue 20: a replay plan checks every line against the workspace's tracking plan before anything is sent.
const LINES = [
  { name: 'Refund issued', customer: 3001, data: { amount: 20 } },
  { name: 'Refund issued', customer: 3002, data: { amount: '20' } },
  { name: 'Call made', customer: 3003, data: { minutes: 4 } },
];

test.use({
  replayFile: async ({}, use, testInfo) => {
    const path = testInfo.outputPath('events.ndjson');
    writeFileSync(path, `${LINES.map((line) => JSON.stringify(line)).join('\n')}\n`);
    await use(path);
  },
});

test('a replay plan lists the line the tracking plan blocks, and the one it warns about, before anything is sent', async ({ app: page, mock, userDataDir }) => {
  // The app's default workspace (<userData>/workspace); the plan is read again when its files change.
  mkdirSync(join(userDataDir, 'workspace', 'definitions'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'workspace', 'definitions', 'refund-issued.yaml'),
    ['name: Refund issued', 'status: active', 'enforcement: block', 'schema:', '  type: object', '  required: [amount]', '  properties:', '    amount:', '      type: number', ''].join('\n'),
  );
  await page.keyboard.press('ControlOrMeta+3');
  await page.getByRole('button', { name: 'Replay a file…' }).click();
  const plan = page.getByTestId('job-detail').getByTestId('plan');
  await expect(plan).toContainText('3 read · 2 to send · 1 invalid (never sent)');
  await expect(plan).toContainText('line 2: blocked by the tracking plan: event "Refund issued": data.amount: expected number');
  const tracking = page.getByTestId('plan-tracking');
  await expect(tracking).toContainText('Tracking plan: 1 line blocked (listed with the invalid ones, never sent), 1 line warned about (sent anyway):');
  await expect(tracking).toContainText('line 3: event "Call made": name: is not in the tracking plan');
  expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(0);
  await screenshot(page, 'jobs-plan-tracking');
});
