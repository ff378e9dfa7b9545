import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  // Left out: Monaco's own DOM, and React Aria's screen-reader announcer, whose past announcements
  // can point at labels that have since left the page. Everything of ours is scanned.
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('compose, history and settings have no serious accessibility violations', async ({ appPage, app: page }) => {
      // Three full axe scans: each takes seconds, and tens of seconds on a loaded CI machine.
      test.setTimeout(240_000);
      await appPage.compose({ name: 'Refund issued', customer: '1001', data: '{"amount": 20}' });
      await appPage.send();
      await expect(appPage.outcome()).toHaveAttribute('data-outcome', 'sent');
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('ControlOrMeta+2');
      await page.getByRole('grid').getByRole('row').nth(1).click();
      await expect(page.getByTestId('history-detail')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await appPage.openSettings();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
