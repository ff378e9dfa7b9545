// Renders build/icon.svg to the PNG sizes the installers take (npm run icons), with the Chromium
// Playwright already drives for the e2e tests (Debian's /usr/bin/chromium, or CHROMIUM_PATH): no
// image library to install. electron-builder makes .icns (macOS) and .ico (Windows) from
// build/icons/512x512.png and 1024x1024.png itself, and takes the folder as the Linux icon set.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const here = import.meta.dirname;
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch(executablePath ? { executablePath } : {});
try {
  const page = await browser.newPage();
  mkdirSync(join(here, 'icons'), { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    await page.screenshot({ path: join(here, 'icons', `${size}x${size}.png`), omitBackground: true });
  }
  await page.close();
} finally {
  await browser.close();
}
console.log(`build/icons: ${SIZES.map((size) => `${size}x${size}.png`).join(', ')}`);
