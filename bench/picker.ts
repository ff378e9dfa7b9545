import { chromium } from 'playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeApi } from '../e2e/support/bridge.ts';
import { serveFolder } from '../e2e/support/static-server.ts';
import { startMockServer } from '../tools/mock-api/server.ts';
import { summarize } from './stats.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

const EMAIL = 'ada.lovelace@example.com';
const RUNS = 10;
const CHARS_PER_SECOND = 8;

/**
 * The picker in the real renderer (Debian Chromium, window.api bridged to the real main services)
 * against the local mock: typing a 24-character email at 8 characters per second, how many search
 * requests it costs and how long after the last keystroke the results are on screen.
 */
export async function benchPicker(): Promise<void> {
  const renderer = await serveFolder(join(process.cwd(), 'out', 'renderer'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const counts: number[] = [];
  const latencies: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
      const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-picker-'));
      const page = await browser.newPage();
      const services = await bridgeApi(page, {
        userDataDir: folder,
        apiBaseUrl: mock.url,
        keychainService: 'unused',
        rendererUrl: renderer.url,
        env: {},
        keychain: 'available',
        secretStore: fixedKeyStore(mock.apiKey),
      });
      await page.goto(renderer.url);
      await page.waitForSelector('body[data-app-ready="true"]');
      await page.getByRole('combobox', { name: 'Customer' }).click();
      // type() waits its delay after every key, the last one too: press the last key on its own.
      await page.keyboard.type(EMAIL.slice(0, -1), { delay: 1000 / CHARS_PER_SECOND });
      await page.keyboard.press(EMAIL.at(-1)!);
      const lastKey = performance.now();
      await page.getByRole('option', { name: /Ada Lovelace/ }).first().waitFor();
      latencies.push(performance.now() - lastKey);
      counts.push(mock.received.filter((request) => request.path === '/v1/customers/search').length);
      await page.close();
      services.close();
      await mock.close();
      rmSync(folder, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
    await renderer.close();
  }
  const latency = summarize(latencies);
  const requests = summarize(counts);
  console.log(`\n## Customer picker: typing "${EMAIL}" (${EMAIL.length} characters) at ${CHARS_PER_SECOND}/s, ${RUNS} runs`);
  console.log('| figure | Event Desk (median) | worst run | naive (a request per keystroke) |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| search requests | ${requests.median} | ${Math.max(...counts)} | ${EMAIL.length} |`);
  console.log(`| last keystroke -> results on screen | ${latency.median.toFixed(0)} ms | ${Math.max(...latencies).toFixed(0)} ms | — |`);
  console.log(`Targets: <= 3 requests -> ${Math.max(...counts) <= 3 ? 'met' : 'NOT met'}; <= 400 ms (median) -> ${latency.median <= 400 ? 'met' : 'NOT met'}`);
}
