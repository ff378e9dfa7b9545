/**
 * Finds items of one source that repeat an earlier item (the same fingerprint), at any size: it
 * keeps 48 bits of each fingerprint as a number (a million items cost tens of megabytes, not the
 * hundreds a set of strings would) and confirms every hit against the full fingerprint, so a
 * collision of the short key never flags a distinct event.
 */
export class RepeatFinder {
  readonly #first = new Map<number, { seq: number; position: number }>();
  readonly #journalFingerprint: (seq: number) => string | null;

  /** `journalFingerprint`: the full fingerprint of an item already written, by seq. */
  constructor(journalFingerprint: (seq: number) => string | null) {
    this.#journalFingerprint = journalFingerprint;
  }

  /**
   * Records the item and returns the earlier item it repeats, if any. `unwritten` gives the full
   * fingerprint of an earlier item not written yet (undefined when it is in the journal).
   */
  seen(print: string, seq: number, position: number, unwritten: (seq: number) => string | null | undefined): { seq: number; position: number } | null {
    const key = shortKey(print);
    const first = this.#first.get(key);
    if (first === undefined) {
      this.#first.set(key, { seq, position });
      return null;
    }
    const full = unwritten(first.seq) ?? this.#journalFingerprint(first.seq);
    // A short-key collision with a different event: not a repeat. The first holder keeps the key;
    // a later exact repeat of this item is still caught by the guard at send time.
    return full === print ? first : null;
  }
}

/** 48 bits of the fingerprint (base64url of a SHA-256), as a number that fits a double exactly. */
function shortKey(print: string): number {
  return Buffer.from(print.slice(0, 8), 'base64url').readUIntBE(0, 6);
}
