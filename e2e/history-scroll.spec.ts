import { seedScrollHistory } from '../bench/history-seed.ts';
import { expect, test as base } from './fixtures.ts';

const ENTRIES = 500;

// The user-data folder holds a long history before the app opens it.
const test = base.extend({
  userDataDir: async ({ userDataDir }, use) => {
    seedScrollHistory(userDataDir, ENTRIES);
    await use(userDataDir);
  },
});

function grid(page: import('@playwright/test').Page) {
  return page.getByRole('grid', { name: 'History entries, newest first' });
}

test('a long history scrolls to its end a page at a time, with only the rows in view in the page', async ({ app: page }) => {
  await page.keyboard.press('ControlOrMeta+2');
  await expect(page.getByTestId('match-count')).toHaveText('500 entries');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(ENTRIES + 1));
  const first = grid(page).locator('[role="row"][aria-rowindex="2"]');
  await first.click();
  await expect(first).toBeFocused();
  // End goes to the last row loaded; pages load as it comes near, until the 500th entry is there.
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(grid(page).locator(`[role="row"][aria-rowindex="${ENTRIES + 1}"]`)).toBeFocused({ timeout: 1000 });
  }).toPass();
  await expect(grid(page).getByText('Loading more…')).toHaveCount(0);
  // Virtualized: a few dozen rows in the DOM, not 500.
  expect(await grid(page).locator('[role="row"][data-index]').count()).toBeLessThan(80);
  await page.keyboard.press('ArrowUp');
  await expect(grid(page).locator(`[role="row"][aria-rowindex="${ENTRIES}"]`)).toBeFocused();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('match-count')).toHaveText('500 entries · 1 selected');
  await expect(grid(page).locator(`[role="row"][aria-rowindex="${ENTRIES}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-detail')).toBeVisible();
  await first.click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('match-count')).toHaveText('500 entries');
});
