import { parse } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { pseudoElements } from '../../src/renderer/src/i18n/pseudo-messages.ts';

// The transformation itself lives with the renderer, which applies it to precompiled messages in layout
// tests (pseudo-messages.ts); this file gives it to strings and whole catalogues.
export { PSEUDO_EXPANSION, pseudoText } from '../../src/renderer/src/i18n/pseudo-messages.ts';

/**
 * A pseudo-locale for layout checks: every message still readable, but accented (fonts and encodings must
 * cope with marks), about 40% longer (Polish and Ukrainian run that much longer than English) and in
 * brackets, so a clipped end shows as a missing "]". Placeholders, plural and select keys and tag names are
 * left alone, so the messages format with the same arguments as English.
 */

/** One ICU message in the pseudo-locale: "{count, plural, one {# entry} …}" → "[{count, plural, one {# éénţŕý} …}]". */
export function pseudoLocalize(message: string): string {
  return `[${printAST(pseudoElements(parse(message)))}]`;
}

/** A whole catalogue in the pseudo-locale, keyed as the source. */
export function pseudoCatalogue<K extends string>(catalogue: Readonly<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(catalogue).map(([key, message]) => [key, pseudoLocalize(message)])) as Record<K, string>;
}
