import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Selection } from 'react-aria-components';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { useT } from '../../i18n/use-t.ts';
import { COLUMNS, HEADER_HEIGHT, HistoryHeader, HistoryRow, ROW_HEIGHT } from './history-row.tsx';
import { RowSlots } from './row-slots.ts';
import './history-table.css';

interface HistoryTableProps {
  entries: HistoryEntry[];
  /** How many entries match in all (the count), for assistive technology; null while counting. */
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selection: Selection;
  onSelectionChange: (selection: Selection) => void;
  onOpen: (id: number) => void;
  emptyMessage: string;
}

/** Rows rendered beyond each edge of the view, so a fast fling shows rows, not blank space. */
const OVERSCAN = 12;
/** The next page is asked for when the view comes this many rows from the end of what is loaded. */
const PREFETCH_ROWS = 150;

/**
 * A virtualized grid (@tanstack/react-virtual): only the rows in view are in the DOM, each a
 * memoized component that renders once as it scrolls in, and the next page is fetched well before
 * the end comes into view, so flinging through a million entries costs a few rows a frame. Keyboard:
 * ↑/↓, Page Up/Down, Home/End move between rows, Enter opens one, Space selects it, Ctrl/Cmd+A
 * selects every matching entry, Escape clears the selection.
 */
export function HistoryTable({ entries, total, hasMore, loadingMore, onLoadMore, selection, onSelectionChange, onOpen, emptyMessage }: HistoryTableProps) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusActive = useRef(false);
  const count = entries.length;
  const activeIndex = Math.min(active, Math.max(0, count - 1));

  // The React Compiler is not used in this app (its lint flags any useVirtualizer); nothing here
  // memoizes the virtualizer's functions.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // "Scrolling" lasts until the view has been still this long (ms): on a busy machine a fling's
    // frames can be further apart than the default 150 ms, and each end of "scrolling" reorders rows.
    isScrollingResetDelay: 500,
    // The rows start below the sticky header, and a row scrolled to must not hide under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // The focused row stays in the DOM when it scrolls out of view, so focus is never lost.
    rangeExtractor: useCallback((range: Range) => withIndex(defaultRangeExtractor(range), activeIndex), [activeIndex]),
  });
  const rows = virtualizer.getVirtualItems();
  const [rowSlots] = useState(() => new RowSlots());
  const slots = rowSlots.keys(rows.map((row) => row.index));
  // While scrolling, rows keep their place in the DOM (a moved element is a removal and an
  // insertion); once scrolling stops they are put back in reading order for assistive technology.
  const placed = rows.map((row, position) => ({ row, slot: slots[position]! }));
  if (virtualizer.isScrolling) placed.sort((a, b) => a.slot - b.slot);
  const lastRendered = rows.at(-1)?.index ?? -1;

  const loadMore = useRef(onLoadMore);
  loadMore.current = onLoadMore;
  useEffect(() => {
    if (hasMore && !loadingMore && lastRendered >= count - PREFETCH_ROWS) loadMore.current();
  }, [hasMore, loadingMore, lastRendered, count]);

  // Keyboard moves focus after the row it moves to has been rendered.
  useLayoutEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)?.focus({ preventScroll: true });
  }, [activeIndex, rows]);

  const isSelected = (id: number) => selection === 'all' || selection.has(id);
  const toggle = (entry: HistoryEntry) => {
    // Unticking one entry of "all" keeps the others that are loaded, as React Aria's tables did.
    const next = new Set(selection === 'all' ? entries.map((each) => each.id) : selection);
    if (next.has(entry.id)) next.delete(entry.id);
    else next.add(entry.id);
    onSelectionChange(next);
  };
  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    focusActive.current = true;
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };
  /** The index of the row an event happened in (clicks and changes are handled here, for every row). */
  const indexAt = (target: EventTarget) => {
    const row = (target as HTMLElement).closest<HTMLElement>('[data-index]');
    return row ? Number(row.dataset.index) : -1;
  };

  const onClick = (event: MouseEvent) => {
    const index = indexAt(event.target);
    if (index < 0 || (event.target as HTMLElement).closest('.row-checkbox')) return;
    setActive(index);
    onOpen(entries[index]!.id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement).tagName === 'INPUT' || count === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const entry = entries[activeIndex];
    const mod = event.ctrlKey || event.metaKey;
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, PageDown: activeIndex + page, PageUp: activeIndex - page, Home: 0, End: count - 1 };
    if (event.key in moves) moveTo(moves[event.key]!);
    else if (event.key === 'Enter' && entry) onOpen(entry.id);
    else if (event.key === ' ' && entry) toggle(entry);
    else if (event.key === 'a' && mod) onSelectionChange('all');
    else if (event.key === 'Escape') onSelectionChange(new Set());
    else return;
    event.preventDefault();
  };

  const some = selection === 'all' || selection.size > 0;
  return (
    <div
      ref={scroller}
      role="grid"
      aria-label={t('history.gridLabel')}
      aria-multiselectable="true"
      aria-rowcount={total === null ? -1 : total + 1}
      aria-colcount={COLUMNS.length + 1}
      className="history-table history-grid"
      onClick={onClick}
      onKeyDown={onKeyDown}
      onChange={(event) => {
        const entry = entries[indexAt(event.target)];
        if (entry) toggle(entry);
      }}
    >
      <HistoryHeader all={selection === 'all'} some={some} onToggleAll={() => onSelectionChange(some ? new Set() : 'all')} />
      <div role="rowgroup" className="history-body" style={{ height: virtualizer.getTotalSize() + (hasMore ? ROW_HEIGHT : 0) }}>
        {count === 0 && !hasMore ? (
          <div role="row" className="history-empty">
            <div role="gridcell" aria-colspan={COLUMNS.length + 1}>
              <p className="muted empty">{emptyMessage}</p>
            </div>
          </div>
        ) : (
          placed.map(({ row, slot }) => {
            const entry = entries[row.index]!;
            return <HistoryRow key={slot} entry={entry} index={row.index} selected={isSelected(entry.id)} active={row.index === activeIndex} />;
          })
        )}
        {hasMore && (
          <div role="row" className="history-row load-more" aria-rowindex={count + 2} style={{ transform: `translateY(${count * ROW_HEIGHT}px)` }}>
            <div role="gridcell" aria-colspan={COLUMNS.length + 1}>
              <span className="muted">{t('history.loadingMore')}</span>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** The range's indexes with `index` added in order (if it is not there already). */
function withIndex(indexes: number[], index: number): number[] {
  if (indexes.length === 0 || indexes.includes(index)) return indexes;
  return [...indexes, index].toSorted((a, b) => a - b);
}
