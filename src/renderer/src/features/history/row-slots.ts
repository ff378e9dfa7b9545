/**
 * React keys for the rows a virtualized list renders: a row keeps its key while it stays rendered
 * and hands it on when it leaves, so a row scrolling in reuses the elements of one that scrolled
 * out. Scrolling then changes text and attributes only, and adds or removes no elements: no new
 * nodes to style and lay out, and nothing for a subtree MutationObserver above the list (React
 * Aria's tab panel watches for tabbable children that way) to walk on every frame.
 */
export class RowSlots {
  #slots = new Map<number, number>();
  #size = 0;

  /**
   * The key of each index, in the order given. Called during render: for the indexes it was last
   * given it returns the same keys, so a render React repeats agrees with the first.
   */
  keys(indexes: readonly number[]): number[] {
    const next = new Map<number, number>();
    for (const index of indexes) {
      const slot = this.#slots.get(index);
      if (slot !== undefined) next.set(index, slot);
    }
    const kept = new Set(next.values());
    const free = [...this.#slots.values()].filter((slot) => !kept.has(slot));
    for (const index of indexes) if (!next.has(index)) next.set(index, free.pop() ?? this.#size++);
    this.#slots = next;
    return indexes.map((index) => next.get(index)!);
  }
}
