import { isLiteralElement, isPluralElement, isSelectElement, isTagElement, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { RuntimeCatalogue } from './catalogue.ts';

/**
 * The pseudo-locale for layout checks: every message still readable, but accented (fonts and encodings
 * must cope with marks), about 40% longer (Polish and Ukrainian run that much longer than English) and in
 * brackets, so a clipped end shows as a missing "]". Placeholders, plural and select keys and tag names
 * are left alone, so the messages format with the same arguments as English. Works on the precompiled
 * ASTs the window receives (no ICU parser needed); scripts/i18n/pseudo-locale.ts does the same to strings.
 * Only tests ask for it (LanguageServiceDeps.pseudo); no one is offered it.
 */

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [letter, [...'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index]!]),
);

const VOWEL = /[aeiouyAEIOUY]/;

/** How much longer each word gets; with brackets and spaces a message grows by about 40% overall. */
export const PSEUDO_EXPANSION = 0.4;

/** A word accented and lengthened: its vowels doubled from the start (then its last letter) until long enough. */
function pseudoWord(word: string): string {
  const letters = [...word];
  let extra = Math.ceil(letters.length * PSEUDO_EXPANSION);
  const out: string[] = [];
  for (const letter of letters) {
    const accented = ACCENTED[letter] ?? letter;
    out.push(accented);
    if (extra > 0 && VOWEL.test(letter)) {
      out.push(accented);
      extra -= 1;
    }
  }
  const last = out.at(-1) ?? '';
  return out.join('') + last.repeat(extra);
}

/** Literal text accented and lengthened word by word; spaces and punctuation stay as they are. */
export function pseudoText(text: string): string {
  return text.replace(/[A-Za-z]+/g, pseudoWord);
}

/** A message's elements with every literal part in the pseudo-locale. */
export function pseudoElements(elements: readonly MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (isLiteralElement(element)) return { ...element, value: pseudoText(element.value) };
    if (isPluralElement(element) || isSelectElement(element)) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: pseudoElements(option.value) }]));
      return { ...element, options } as MessageFormatElement;
    }
    if (isTagElement(element)) return { ...element, children: pseudoElements(element.children) };
    return element;
  });
}

/**
 * A catalogue as the window receives it, in the pseudo-locale and bracketed. A message still a string (a
 * build without the precompiling plugin, where no parser is at hand here) is only bracketed.
 */
export function pseudoMessages(catalogue: RuntimeCatalogue): RuntimeCatalogue {
  // The same keys as the catalogue given, each message still a string or still an AST: a RuntimeCatalogue.
  return Object.fromEntries(
    Object.entries<string | MessageFormatElement[]>(catalogue).map(([key, message]) => [
      key,
      typeof message === 'string' ? `[${message}]` : [{ type: TYPE.literal, value: '[' }, ...pseudoElements(message), { type: TYPE.literal, value: ']' }],
    ]),
  ) as RuntimeCatalogue;
}
