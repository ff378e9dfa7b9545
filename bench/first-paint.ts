import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bridgedPage } from './bridged-page.ts';
import { serveFolder } from '../e2e/support/static-server.ts';
import { summarize } from './stats.ts';
import { check } from './targets.ts';

// BENCH_PAINT_RUNS is what `npm run bench:smoke` sets; FIRST_PAINT_RUNS is the older name.
const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? process.env.FIRST_PAINT_RUNS ?? 10);
const RATIO_TARGET = 3;
const INITIAL_GZIP_TARGET_KB = 400;
/** The Electron window's size (src/main/electron/window.ts). */
const WINDOW = { width: 1280, height: 820 };

/** A page with one line of text, so Chromium reports both first paint and first contentful paint. */
const BLANK_HTML = '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><p>blank</p></body></html>';

interface PaintTimes {
  firstPaint: number;
  /** The app's: the static shell's text (index.html), before any script has run. */
  firstContentfulPaint: number;
  /** The app's code loaded and run, React starting its first render (performance mark `app-start`). */
  started: number;
  /** React's first commit (performance mark `app-rendered`, under the shell). */
  rendered: number;
  /** The shell gone and the composer usable: mark `app-ready` (body[data-app-ready]). */
  ready: number;
  /** Monaco has replaced the data box's plain text area (body[data-editor-ready]). */
  editor: number;
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
    const at = times.firstContentfulPaint;
    return { ...times, started: at, rendered: at, ready: at, editor: at };
  } finally {
    await page.close();
  }
}

/** A page of the built renderer with window.api bridged to the real main services on a fresh profile. */
async function openApp(browser: Browser, url: string, context: BrowserContextOptions = {}): Promise<{ page: Page; close: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-paint-'));
  // A fresh context per run: nothing cached from the previous run (the app's chunks are fetched cold).
  const opened = await bridgedPage(browser, url, folder, context);
  return {
    page: opened.page,
    close: async () => {
      await opened.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function measureApp(browser: Browser, url: string): Promise<PaintTimes> {
  const { page, close } = await openApp(browser, url);
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-app-ready="true"]');
    await page.waitForFunction(() => document.body.dataset.editorReady === 'true');
    const editor = await page.evaluate(() => performance.now());
    const marks = await page.evaluate(() => ({
      started: performance.getEntriesByName('app-start')[0]?.startTime ?? Number.NaN,
      rendered: performance.getEntriesByName('app-rendered')[0]?.startTime ?? Number.NaN,
      ready: performance.getEntriesByName('app-ready')[0]?.startTime ?? Number.NaN,
    }));
    return { ...(await paintTimes(page)), ...marks, editor };
  } finally {
    await close();
  }
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** The module index.html's entry imports after the shell's first frame (src/renderer/src/main.tsx). */
const APP_MODULE = 'src/app/start-app.tsx';

/**
 * The files loaded before the app is usable, from the build's manifest: index.html's entry (with which the
 * shell paints) and the app module it loads after the first frame, each with every chunk and stylesheet
 * it imports statically. Lazy views, dialogs and Monaco are not in it.
 */
export function initialChunks(root: string): { file: string; phase: 'shell' | 'app'; raw: number; gzip: number }[] {
  const manifest = JSON.parse(readFileSync(join(root, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const phases = new Map<string, 'shell' | 'app'>();
  const visit = (key: string, phase: 'shell' | 'app') => {
    const chunk = manifest[key];
    if (!chunk || phases.has(chunk.file)) return;
    phases.set(chunk.file, phase);
    for (const css of chunk.css ?? []) if (!phases.has(css)) phases.set(css, phase);
    for (const imported of chunk.imports ?? []) visit(imported, phase);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key, 'shell');
  if (!manifest[APP_MODULE]) throw new Error(`${APP_MODULE} is not in the build's manifest: was it renamed? (bench/first-paint.ts)`);
  visit(APP_MODULE, 'app');
  return [...phases].map(([file, phase]) => {
    const path = join(root, file);
    return { file, phase, raw: statSync(path).size, gzip: gzipSync(readFileSync(path)).length };
  });
}

/** The boxes a reader's eye holds on to; each must sit in the same place in the shell and in the ready app. */
const LANDMARKS = ['.app-header h1', '.profile-chip', '.view-tab', '.app-header .button', '.mode-switch', '.composer', '.composer h2', '.response-panel', '.history-column h2', '.history-column .history-list, .history-column > p'];

async function landmarks(page: Page, root: string): Promise<Record<string, { x: number; y: number; width: number; height: number }[]>> {
  return page.evaluate(
    ({ scope, selectors }) => {
      const within = document.querySelector(scope)!;
      return Object.fromEntries(
        selectors.map((selector) => [selector, [...within.querySelectorAll(selector)].map((element) => element.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number })]),
      );
    },
    { scope: root, selectors: LANDMARKS },
  );
}

/**
 * Opens the shell alone (the script blocked) and the ready app, light and dark, and prints how far each
 * landmark moves between the two (nothing listed: the hand-over does not jump). With `folder`, it also
 * writes screenshots of both.
 */
export async function handOver(browser: Browser, url: string, folder: string | null): Promise<void> {
  if (folder) mkdirSync(folder, { recursive: true });
  console.log('\n## Hand-over from the static shell to the ready app (1280×820)');
  for (const colorScheme of ['light', 'dark'] as const) {
    const shell = await browser.newPage({ colorScheme, viewport: WINDOW });
    await shell.route('**/*.js', (route) => route.abort());
    await shell.goto(url);
    await shell.waitForSelector('#app-shell');
    if (folder) await shell.screenshot({ path: join(folder, `first-paint-shell-${colorScheme}.png`) });
    const before = await landmarks(shell, '#app-shell');
    await shell.close();
    const { page, close } = await openApp(browser, url, { colorScheme, viewport: WINDOW });
    try {
      await page.goto(url);
      await page.waitForSelector('body[data-app-ready="true"]');
      await page.waitForFunction(() => document.body.dataset.editorReady === 'true');
      if (folder) await page.screenshot({ path: join(folder, `first-paint-ready-${colorScheme}.png`) });
      const after = await landmarks(page, '#root');
      const moved: string[] = [];
      for (const selector of LANDMARKS) {
        const boxes = before[selector] ?? [];
        if (boxes.length !== (after[selector] ?? []).length) moved.push(`\`${selector}\`: ${boxes.length} in the shell, ${after[selector]?.length ?? 0} in the app`);
        boxes.forEach((box, index) => {
          const other = after[selector]?.[index];
          const deltas = other ? [box.x - other.x, box.y - other.y, box.width - other.width, box.height - other.height].map(Math.round) : [];
          if (deltas.some((delta) => delta !== 0)) moved.push(`\`${selector}\` #${index + 1} by x, y, width, height ${deltas.join(', ')} px`);
        });
      }
      console.log(`- ${colorScheme}: ${moved.length === 0 ? `all ${LANDMARKS.length} landmarks in place` : `moved: ${moved.join('; ')}`}`);
    } finally {
      await close();
    }
  }
  if (folder) console.log(`Screenshots: ${folder}/first-paint-{shell,ready}-{light,dark}.png`);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * First paint of the built renderer (Debian Chromium, window.api bridged to the real main services)
 * beside a blank page served the same way, interleaved run by run so both see the same machine.
 * Then checks the hand-over from the shell (FIRST_PAINT_SCREENSHOTS=<folder>: with screenshots).
 */
export async function benchFirstPaint(): Promise<{ ratio: number; initialGzip: number }> {
  // BENCH_OUT_DIR: a build of one's own (`electron-vite build --outDir …`) when others share out/.
  const root = join(process.env.BENCH_OUT_DIR ?? join(process.cwd(), 'out'), 'renderer');
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
    await handOver(browser, renderer.url, process.env.FIRST_PAINT_SCREENSHOTS ?? null);
  } finally {
    await browser.close();
    await renderer.close();
    await blank.close();
    rmSync(blankFolder, { recursive: true, force: true });
  }
  const median = (list: PaintTimes[], key: keyof PaintTimes) => summarize(list.map((times) => times[key])).median;
  const fp = { app: median(app, 'firstPaint'), blank: median(empty, 'firstPaint') };
  const fcp = { app: median(app, 'firstContentfulPaint'), blank: median(empty, 'firstContentfulPaint') };
  const blankFcp = fcp.blank;
  const chunks = initialChunks(root);
  const raw = chunks.reduce((sum, chunk) => sum + chunk.raw, 0);
  const gzip = chunks.reduce((sum, chunk) => sum + chunk.gzip, 0);
  const ratio = fcp.app / fcp.blank;
  const row = (label: string, value: number) => `| ${label} | ${value.toFixed(0)} ms | — | ${(value / blankFcp).toFixed(2)}× the blank page's FCP |`;
  console.log(`\n## First paint: built renderer vs a blank page, same Chromium and server, median of ${RUNS} runs each`);
  console.log('| figure | Event Desk | blank page | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| first paint | ${fp.app.toFixed(0)} ms | ${fp.blank.toFixed(0)} ms | ${(fp.app / fp.blank).toFixed(2)}× |`);
  console.log(`| first contentful paint (the static shell) | ${fcp.app.toFixed(0)} ms | ${fcp.blank.toFixed(0)} ms | ${ratio.toFixed(2)}× |`);
  console.log(row("the app's code loaded, React starts (after the shell's first frame)", median(app, 'started')));
  console.log(row("React's first render committed (under the shell)", median(app, 'rendered')));
  console.log(row('app ready (shell gone, composer usable)', median(app, 'ready')));
  console.log(row('data editor (Monaco) ready', median(app, 'editor')));
  console.log('\n| initial chunk: loaded before the app is ready | needed for | raw | gzip |');
  console.log('| --- | --- | --- | --- |');
  for (const chunk of chunks) console.log(`| ${chunk.file} | ${chunk.phase === 'shell' ? 'the shell (first paint)' : 'the app'} | ${kb(chunk.raw)} | ${kb(chunk.gzip)} |`);
  console.log(`| **total** | | ${kb(raw)} | ${kb(gzip)} |`);
  const paintMet = check({ name: 'First contentful paint (app shell) vs a blank page', value: fcp.app, floor: fcp.blank, unit: 'ms', limit: RATIO_TARGET, smokeLimit: 6 });
  const chunkMet = check({ name: 'Initial chunk (JS + CSS), gzip', value: gzip / 1024, floor: null, unit: 'KB', limit: INITIAL_GZIP_TARGET_KB, smokeLimit: 500 });
  console.log(
    `Targets: first contentful paint <= ${RATIO_TARGET}x blank -> ${paintMet ? 'met' : 'NOT met'}; initial chunk <= ${INITIAL_GZIP_TARGET_KB} KB gzip -> ${chunkMet ? 'met' : 'NOT met'}`,
  );
  return { ratio, initialGzip: gzip };
}

if (import.meta.main) await benchFirstPaint();
