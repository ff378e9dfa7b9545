/**
 * Text as a name or email filter compares it: accents and case folded, so "jose" finds "José" and
 * "ZOË" finds "Zoe". NFD splits "é" into "e" and a combining accent, and the accents (Unicode marks)
 * are dropped. Both sides of a comparison are folded the same way.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * The folded text with, for each of its UTF-16 units, the index in `text` of the character it came
 * from (and one past the end): a match found in the folded text can be marked in the original.
 */
export function foldWithMap(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let at = 0;
  for (const character of text) {
    const part = foldText(character);
    folded += part;
    for (let unit = 0; unit < part.length; unit += 1) from.push(at);
    at += character.length;
  }
  from.push(text.length);
  return { folded, from };
}
