import type { Page } from '@playwright/test';

/** Saves a screenshot under screenshots/ for people to look at (not compared: tests check behaviour). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `screenshots/${name}.png`, animations: 'disabled' });
}
