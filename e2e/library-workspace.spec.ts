import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base } from './fixtures.ts';
import { screenshot } from './support/screenshot.ts';

const refund = (amount: number) => ['title: Refund issued', 'name: Refund issued', 'description: From the team checkout.', 'tags: [billing]', 'template:', `  amount: ${amount}`, ''].join('\n');

/** A team's saved event already in the workspace's saved/ when the app starts. */
const test = base.extend({
  userDataDir: async ({ userDataDir }, use) => {
    const saved = join(userDataDir, 'workspace', 'saved');
    mkdirSync(saved, { recursive: true });
    writeFileSync(join(saved, 'refund-issued.yaml'), refund(20));
    await use(userDataDir);
  },
});

test('saved events in the workspace: a team file is in the Library, an edit made elsewhere arrives, "Move to the workspace" writes a file', async ({ app: page, appPage, userDataDir }) => {
  const saved = join(userDataDir, 'workspace', 'saved');
  await page.keyboard.press('ControlOrMeta+4');
  const library = page.getByTestId('library-view');
  const team = library.getByRole('listitem').filter({ hasText: 'Refund issued' });
  await expect(team).toContainText('In the workspace: saved/refund-issued.yaml');
  // A team file has no "Move to the workspace": it is there already.
  await expect(team.getByRole('button', { name: /^Move to the workspace/ })).toHaveCount(0);

  // git pull changed the file: the Library follows without a restart.
  writeFileSync(join(saved, 'refund-issued.yaml'), refund(20).replace('From the team checkout.', 'Changed in review.'));
  await expect(team).toContainText('Changed in review.');

  // One of this computer's own (saved from the composer): moved into the workspace on request.
  await page.keyboard.press('ControlOrMeta+1');
  await appPage.compose({ name: 'Call made', customer: '1001', data: '{"minutes": 5}' });
  await page.keyboard.press('ControlOrMeta+S');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('ControlOrMeta+4');
  const title = 'Call made';
  const own = library.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
  await expect(own).not.toContainText('In the workspace:');
  await screenshot(page, 'library-workspace');
  await own.getByRole('button', { name: `Move to the workspace: ${title}` }).click();
  await expect(library.getByRole('status')).toContainText(`“${title}” is now a file in the workspace folder`);
  const moved = library.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
  await expect(moved).toContainText('In the workspace: saved/');
  const file = (await moved.getByText('In the workspace:').textContent())!.replace('In the workspace: ', '');
  expect(existsSync(join(userDataDir, 'workspace', file))).toBe(true);
  expect(readFileSync(join(userDataDir, 'workspace', file), 'utf8')).toContain(`title: ${title}`);

  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').exclude('[role="log"][aria-live="assertive"]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
