import { chromium, type Browser, type Page } from 'playwright';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bridgeApi } from '../e2e/support/bridge.ts';
import { serveFolder } from '../e2e/support/static-server.ts';
import { summarize } from './stats.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

const RUNS = Number(process.env.FIRST_PAINT_RUNS ?? 10);
const RATIO_TARGET = 3;
const INITIAL_GZIP_TARGET = 400 * 1024;

/** A page with one line of text, so Chromium reports both first paint and first contentful paint. */
const BLANK_HTML = '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><p>blank</p></body></html>';

interface PaintTimes {
  firstPaint: number;
  firstContentfulPaint: number;
  /** body[data-app-ready] (settings loaded); the blank page has none and reports FCP here. */
  ready: number;
}

/** Paint entries as Chromium reports them, in ms since the navigation started. */
async function paintTimes(page: Page): Promise<Pick<PaintTimes, 'firstPaint' | 'firstContentfulPaint'>> {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const fcp = at('first-contentful-paint');
    const fp = at('first-paint');
    return { firstPaint: Number.isNaN(fp) ? fcp : fp, firstContentfulPaint: fcp };
  });
}

async function measureBlank(browser: Browser, url: string): Promise<PaintTimes> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    const times = await paintTimes(page);
    return { ...times, ready: times.firstContentfulPaint };
  } finally {
    await page.close();
  }
}

async function measureApp(browser: Browser, url: string): Promise<PaintTimes> {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-paint-'));
  // A fresh context per run: nothing cached from the previous run (the app's chunks are fetched cold).
  const page = await browser.newPage();
  const services = await bridgeApi(page, {
    userDataDir: folder,
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    keychainService: 'unused',
    rendererUrl: url,
    env: {},
    keychain: 'available',
    secretStore: fixedKeyStore('bench-key-0123456789abcdef'),
  });
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-app-ready="true"]');
    const ready = await page.evaluate(() => performance.now());
    return { ...(await paintTimes(page)), ready };
  } finally {
    await page.close();
    services.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The files index.html loads before the first render: its module script, preloads and stylesheets. */
export function initialChunks(root: string): { file: string; raw: number; gzip: number }[] {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.?\/?([^"]+)"[^>]*>/g)) {
    const tag = match[0];
    if (tag.startsWith('<script') || /rel="(?:modulepreload|stylesheet)"/.test(tag)) files.add(match[1]!);
  }
  return [...files].map((file) => {
    const path = join(root, file);
    return { file, raw: statSync(path).size, gzip: gzipSync(readFileSync(path)).length };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * First paint of the built renderer (Debian Chromium, window.api bridged to the real main services)
 * beside a blank page served the same way, interleaved run by run so both see the same machine.
 */
export async function benchFirstPaint(): Promise<{ ratio: number; initialGzip: number }> {
  const root = join(process.cwd(), 'out', 'renderer');
  const renderer = await serveFolder(root);
  const blankFolder = mkdtempSync(join(tmpdir(), 'event-desk-bench-blank-'));
  writeFileSync(join(blankFolder, 'index.html'), BLANK_HTML);
  const blank = await serveFolder(blankFolder);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const app: PaintTimes[] = [];
  const empty: PaintTimes[] = [];
  try {
    // One warm-up of each (browser process start, first disk reads), not counted.
    await measureBlank(browser, blank.url);
    await measureApp(browser, renderer.url);
    for (let run = 0; run < RUNS; run += 1) {
      empty.push(await measureBlank(browser, blank.url));
      app.push(await measureApp(browser, renderer.url));
    }
  } finally {
    await browser.close();
    await renderer.close();
    await blank.close();
    rmSync(blankFolder, { recursive: true, force: true });
  }
  const median = (list: PaintTimes[], key: keyof PaintTimes) => summarize(list.map((times) => times[key])).median;
  const fp = { app: median(app, 'firstPaint'), blank: median(empty, 'firstPaint') };
  const fcp = { app: median(app, 'firstContentfulPaint'), blank: median(empty, 'firstContentfulPaint') };
  const ready = median(app, 'ready');
  const chunks = initialChunks(root);
  const raw = chunks.reduce((sum, chunk) => sum + chunk.raw, 0);
  const gzip = chunks.reduce((sum, chunk) => sum + chunk.gzip, 0);
  const ratio = fcp.app / fcp.blank;
  console.log(`\n## First paint: built renderer vs a blank page, same Chromium and server, median of ${RUNS} runs each`);
  console.log('| figure | Event Desk | blank page | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| first paint | ${fp.app.toFixed(0)} ms | ${fp.blank.toFixed(0)} ms | ${(fp.app / fp.blank).toFixed(2)}× |`);
  console.log(`| first contentful paint | ${fcp.app.toFixed(0)} ms | ${fcp.blank.toFixed(0)} ms | ${ratio.toFixed(2)}× |`);
  console.log(`| app ready (settings loaded) | ${ready.toFixed(0)} ms | — | — |`);
  console.log('\n| initial chunk | raw | gzip |');
  console.log('| --- | --- | --- |');
  for (const chunk of chunks) console.log(`| ${chunk.file} | ${kb(chunk.raw)} | ${kb(chunk.gzip)} |`);
  console.log(`| **total** | ${kb(raw)} | ${kb(gzip)} |`);
  console.log(
    `Targets: first contentful paint <= ${RATIO_TARGET}x blank -> ${ratio <= RATIO_TARGET ? 'met' : 'NOT met'}; initial chunk <= ${kb(INITIAL_GZIP_TARGET)} gzip -> ${gzip <= INITIAL_GZIP_TARGET ? 'met' : 'NOT met'}`,
  );
  return { ratio, initialGzip: gzip };
}

if (import.meta.main) await benchFirstPaint();
