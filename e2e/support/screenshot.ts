import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';

/** Page texts of the screenshots taken by the running test: the key-leak scan reads them. */
export const screenshotTexts: Record<string, string> = {};

/** Saves a screenshot under screenshots/ for people to look at (not compared: tests check behaviour). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `screenshots/${name}.png`, animations: 'disabled' });
  // What the picture shows, as text, so the key-leak scan can read what a screenshot would reveal.
  const text = await page.evaluate(pageTextWithoutPasswords);
  writeFileSync(`screenshots/${name}.txt`, text);
  screenshotTexts[`screenshot ${name}`] = text;
}

/**
 * The page's visible text and markup, with what people type into password fields left out: that is
 * the user's own input, shown as dots, not something the app reveals.
 */
export function pageTextWithoutPasswords(): string {
  const copy = document.documentElement.cloneNode(true) as HTMLElement;
  for (const input of copy.querySelectorAll('input[type="password"]')) input.removeAttribute('value');
  return `${document.body.innerText}\n${copy.outerHTML}\n${JSON.stringify({ ...localStorage })}\n${JSON.stringify({ ...sessionStorage })}`;
}
