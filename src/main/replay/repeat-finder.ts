import { shortKey, ShortKeyTable } from './short-keys.ts';

/** Where an earlier item is: its seq in the job and its line, row or item number in the source. */
export interface EarlierItem {
  seq: number;
  position: number;
}

/** Full fingerprint and position of an earlier item, by seq (undefined: not written yet, or never). */
export type ItemLookup = (seq: number) => { fingerprint: string | null; position: number } | undefined;

/**
 * Finds items of one source that repeat an earlier item (the same fingerprint), at any size: it
 * keeps 48 bits of each fingerprint with the seq of its first item (a ShortKeyTable: about 32 MB
 * at a million items) and confirms every hit against the full fingerprint, so a collision of the
 * short key never flags a distinct event.
 */
export class RepeatFinder {
  readonly #first = new ShortKeyTable();
  readonly #journal: ItemLookup;

  /** `journal`: an item already written, by seq. */
  constructor(journal: ItemLookup) {
    this.#journal = journal;
  }

  /**
   * Records the item and returns the earlier item it repeats, if any. `unwritten` gives an earlier
   * item not written yet (undefined when it is in the journal).
   */
  seen(print: string, seq: number, unwritten: ItemLookup): EarlierItem | null {
    const firstSeq = this.#first.add(shortKey(print), seq);
    if (firstSeq === seq) return null;
    const first = unwritten(firstSeq) ?? this.#journal(firstSeq);
    // A short-key collision with a different event: not a repeat. The first holder keeps the key;
    // a later exact repeat of this item is still caught by the guard at send time.
    return first !== undefined && first.fingerprint === print ? { seq: firstSeq, position: first.position } : null;
  }
}
