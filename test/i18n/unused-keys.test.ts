import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnusedKeys } from '../../scripts/i18n/catalogue-check.ts';

// Every message in the catalogues is used somewhere in src/: a key left behind after its view changed is
// a translation nobody sees (and translators keep paying for). A key built at run time must be written out
// in full somewhere (a `satisfies Record<…, MessageKey>` table), which also makes its uses type-checked.

const SRC = new URL('../../src/', import.meta.url);

/** The app's sources: code, and the page whose static shell names keys (`data-i18n="…"`). The catalogues themselves are not. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(?:tsx?|html)$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Keys kept although src/ does not use them, each with why. The test fails when one gets used or removed: then drop it here. */
const KEPT: Readonly<Record<string, string>> = {
  'outbox.waiting': "the Polish and Ukrainian verb-agreement sample of test/i18n/plurals.test.ts and docs/i18n.md's 'whole sentences' rule",
  'action.retry': "the shared verb of docs/i18n.md's terms table (Ponów / Повторити), for the next view that retries",
};

describe('the catalogue', () => {
  const en = JSON.parse(readFileSync(new URL('renderer/src/i18n/messages/en.json', SRC), 'utf8')) as Record<string, string>;
  const unused = findUnusedKeys(Object.keys(en), sources(SRC.pathname));

  it('has no key that nothing in src/ uses', () => {
    expect(unused.filter((key) => !Object.hasOwn(KEPT, key))).toEqual([]);
  });

  it('keeps only keys that exist and are still unused', () => {
    expect(Object.keys(KEPT).filter((key) => !Object.hasOwn(en, key) || !unused.includes(key))).toEqual([]);
  });
});
