import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { AppPage } from './pages/app-page.ts';
import { screenshot } from './support/screenshot.ts';

async function sendThrough(appPage: AppPage, name: string, customer: string, data = '{}') {
  await appPage.compose({ name, customer, data });
  await appPage.send();
  await expect(appPage.outcome()).not.toHaveAttribute('data-outcome', 'sending');
  await expect(appPage.sendButton).toHaveText('Send event');
}

/**
 * Successes and each error class, sent through the mock. The 429 and the 503 provably did not land,
 * so they wait in the outbox; "Send now" delivers them (the outbox would, a few seconds later): the
 * mix is complete (8 entries, 4 sent) once the outbox badge is gone.
 */
async function sendAMix(appPage: AppPage, mock: import('../tools/mock-api/server.ts').MockServer, page: Page) {
  await sendThrough(appPage, 'Refund issued', '1001', '{"amount": 20, "note": "Crème brûlée"}');
  await sendThrough(appPage, 'Call made', '1002', '{"minutes": 5}');
  await sendThrough(appPage, 'Call made', '999999');
  // The cut connection first: a drain must never meet it (it would make a queued item "unknown").
  mock.injectFault({ path: '/v1/events', kind: 'reset' });
  await sendThrough(appPage, 'Refund issued', '1004');
  mock.injectFault({ path: '/v1/events', kind: 'status', status: 429, retryAfter: 0, count: 5 });
  await sendThrough(appPage, 'Plan upgraded', '1003');
  mock.injectFault({ path: '/v1/events', kind: 'status', status: 503, retryAfter: 0, count: 5 });
  await sendThrough(appPage, 'Plan upgraded', '1001');
  await page.getByTestId('outbox-badge').click();
  const outbox = page.getByTestId('outbox-dialog');
  await outbox.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('outbox-badge')).toBeHidden();
  await outbox.getByRole('button', { name: 'Close' }).click();
  await expect(outbox).toBeHidden();
}

/** React Aria draws its own checkbox: click the visible label, not the hidden input. */
function outcome(page: Page, label: string) {
  return page.getByRole('group', { name: 'Outcome' }).locator('label', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) });
}

function rows(page: Page) {
  return page.getByRole('grid', { name: 'History entries, newest first' }).getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
}

test('filter, open detail, export the filtered entries: the file parses, has the right count, and no key', async ({ appPage, mock, app: page, clipboardText }, testInfo) => {
  // Eight sends, every filter, the detail, both curls and an export: a long walk on a loaded machine.
  test.setTimeout(90_000);
  await sendAMix(appPage, mock, page);
  await page.keyboard.press('ControlOrMeta+2');
  await expect(page.getByTestId('match-count')).toHaveText('8 entries');
  await expect(rows(page)).toHaveCount(8);

  await outcome(page, 'Sent').click();
  await expect(page.getByTestId('match-count')).toHaveText('4 entries match');
  await outcome(page, 'Rejected (4xx)').click();
  await expect(page.getByTestId('match-count')).toHaveText('5 entries match');
  await outcome(page, 'Sent').click();
  await outcome(page, 'Rejected (4xx)').click();

  await outcome(page, 'Rate limited').click();
  await expect(rows(page)).toHaveCount(1);
  await outcome(page, 'Rate limited').click();
  await outcome(page, 'Server error').click();
  await expect(rows(page)).toHaveCount(1);
  await outcome(page, 'Server error').click();
  await outcome(page, 'Network error').click();
  await expect(rows(page)).toHaveCount(1);
  await outcome(page, 'Network error').click();
  // The cut connection may have landed: it is under "Outcome unknown" too.
  await outcome(page, 'Outcome unknown').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Outcome unknown (network error)');
  await outcome(page, 'Outcome unknown').click();

  await page.getByRole('searchbox', { name: 'Search history' }).fill('creme');
  await expect(page.getByTestId('match-count')).toHaveText('1 entry match');
  await page.getByRole('searchbox', { name: 'Search history' }).fill('');
  await page.getByRole('textbox', { name: 'Customer id' }).fill('1001');
  await expect(page.getByTestId('match-count')).toHaveText('3 entries match');
  await page.getByRole('textbox', { name: 'Customer id' }).fill('10x');
  await expect(page.getByText('A customer id is a whole number, like 1001.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Customer id' }).fill('');

  await page.getByRole('button', { name: /Event/ }).first().click();
  await page.getByRole('option', { name: 'Call made' }).click();
  await expect(page.getByTestId('match-count')).toHaveText('2 entries match');
  await screenshot(page, 'history-filtered');

  await rows(page).first().click();
  const detail = page.getByTestId('history-detail');
  await expect(detail).toContainText('Customer not found');
  await expect(detail.getByLabel('Request body')).toContainText('"customer": 999999');
  await detail.getByRole('button', { name: 'Copy as curl (bash/zsh)' }).click();
  await expect(detail).toContainText('Copied as curl for bash/zsh');
  const curl = await clipboardText();
  expect(curl).toContain('$HELPCRUNCH_API_KEY');
  expect(curl).not.toContain(mock.apiKey);
  await detail.getByRole('button', { name: 'Copy as curl (PowerShell)' }).click();
  await expect(detail).toContainText('Copied as curl for PowerShell');
  const powerShell = await clipboardText();
  expect(powerShell).toContain('curl.exe');
  expect(powerShell).toContain('$env:HELPCRUNCH_API_KEY');
  await screenshot(page, 'history-detail');

  await page.getByRole('button', { name: 'Export matching…' }).click();
  await page.getByRole('menuitem', { name: 'JSON document (.json)' }).click();
  await expect(page.getByTestId('export-status')).toContainText('Exported 2 entries to');
  const text = readFileSync(testInfo.outputPath('export.json'), 'utf8');
  const document = JSON.parse(text);
  expect(document).toMatchObject({ format: 'event-desk-history', version: 1, filter: { name: 'Call made' } });
  expect(document.entries).toHaveLength(2);
  expect(document.entries.map((entry: { outcome: string }) => entry.outcome).toSorted()).toEqual(['not_found', 'sent']);
  expect(text).not.toContain(mock.apiKey);
  expect(text.toLowerCase()).not.toContain('authorization');
});

test.describe('exporting as NDJSON', () => {
  test.use({ exportPath: async ({}, use, testInfo) => use(testInfo.outputPath('all.ndjson')) });
  test('everything, one entry per line', async ({ appPage, mock, app: page }, testInfo) => {
    await sendAMix(appPage, mock, page);
    await page.keyboard.press('ControlOrMeta+2');
    await page.getByRole('button', { name: 'Export all…' }).click();
    await page.getByRole('menuitem', { name: /ndjson/ }).click();
    await expect(page.getByTestId('export-status')).toContainText('Exported 8 entries');
    const lines = readFileSync(testInfo.outputPath('all.ndjson'), 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).request.name)).toHaveLength(8);
  });
});

test('delete selected entries asks first and says how many', async ({ appPage, app: page }) => {
  await sendThrough(appPage, 'One', '1001');
  await sendThrough(appPage, 'Two', '1002');
  await sendThrough(appPage, 'Three', '1003');
  await page.getByRole('tab', { name: /History/ }).click();
  await expect(rows(page)).toHaveCount(3);
  await rows(page).nth(0).locator('label.row-checkbox').click();
  await rows(page).nth(1).locator('label.row-checkbox').click();
  await expect(page.getByTestId('match-count')).toHaveText('3 entries · 2 selected');
  await page.getByRole('button', { name: 'Delete selected' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete 2 entries?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'history-confirm-delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('One');
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.getByRole('alertdialog', { name: 'Clear all 1 entries?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No events sent yet. Everything you send is kept here.')).toBeVisible();
});

test('an empty history explains itself', async ({ app: page, appPage }) => {
  await appPage.page.keyboard.press('ControlOrMeta+2');
  await expect(page.getByText('No events sent yet. Everything you send is kept here.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export all…' })).toBeDisabled();
});

test.describe('an unreadable history file', () => {
  test.use({ corruptHistory: true });
  test('the app starts, says the file was moved aside, and keeps working', async ({ appPage, app: page }) => {
    const notice = page.getByTestId('startup-notices');
    await expect(notice).toContainText('The history database could not be read');
    await expect(notice).toContainText('history.unreadable-');
    await screenshot(page, 'startup-history-recovered');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
    await sendThrough(appPage, 'After recovery', '1001');
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
  });
});

test.describe('exporting for a spreadsheet', () => {
  test.use({ exportPath: async ({}, use, testInfo) => use(testInfo.outputPath('history.csv')) });
  test('CSV with readable times, a column per data key, and formulas defused', async ({ appPage, app: page }, testInfo) => {
    await sendThrough(appPage, 'Refund issued', '1001', '{"amount": 20, "note": "=HYPERLINK(\\"http://evil\\")"}');
    await sendThrough(appPage, 'Call made', '1002', '{"minutes": 5}');
    await page.keyboard.press('ControlOrMeta+2');
    await page.getByRole('button', { name: 'Export all…' }).click();
    await page.getByRole('menuitem', { name: 'Spreadsheet (.csv)' }).click();
    await expect(page.getByTestId('export-status')).toContainText('Exported 2 entries');
    const records = parse(readFileSync(testInfo.outputPath('history.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(records.map((record) => record.name)).toEqual(['Call made', 'Refund issued']);
    expect(records[0]!.createdAtUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(records[1]!['data.amount']).toBe('20');
    expect(records[0]!['data.minutes']).toBe('5');
    // A cell a spreadsheet would run as a formula is prefixed so it stays text.
    expect(records[1]!['data.note']).toBe('\'=HYPERLINK("http://evil")');
  });
});
