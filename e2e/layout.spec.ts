import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const WIDTH = 1280;
const HEIGHT = 800;

/** The element is wholly inside the window (not scrolled below the fold). */
async function expectInWindow(locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, 'element is rendered').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(HEIGHT);
  expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
}

async function editorHeight(page: Page): Promise<number> {
  return (await page.getByTestId('data-editor').boundingBox())!.height;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`at 1280×800 (${scheme}) the composer, Send and the response fit without scrolling`, async ({ appPage, app: page }) => {
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await page.emulateMedia({ colorScheme: scheme });
    // Nothing touched yet: no red errors on an empty form.
    await expect(page.locator('.composer .field-error, .composer [slot="errorMessage"]')).toHaveCount(0);
    await appPage.compose({ name: 'Call made', customer: '1001', data: '{"minutes": 5}' });
    await appPage.send();
    await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
    await expectInWindow(appPage.sendButton);
    await expectInWindow(appPage.response);
    await screenshot(page, `layout-1280x800-${scheme}`);
  });
}

test('the data editor grows with its content between a small minimum and a maximum', async ({ appPage, app: page }) => {
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await appPage.setData('{"minutes": 5}');
  await expect.poll(() => editorHeight(page)).toBeLessThan(100);
  const small = await editorHeight(page);
  expect(small).toBeGreaterThanOrEqual(70);
  const lines = Array.from({ length: 12 }, (_, index) => `  "k${index}": ${index}`).join(',\n');
  await appPage.setData(`{\n${lines}\n}`);
  await expect.poll(() => editorHeight(page)).toBeGreaterThan(small + 100);
  const many = Array.from({ length: 80 }, (_, index) => `  "k${index}": ${index}`).join(',\n');
  await appPage.setData(`{\n${many}\n}`);
  await expect.poll(() => editorHeight(page)).toBeGreaterThan(300);
  expect(await editorHeight(page)).toBeLessThanOrEqual(380);
});
