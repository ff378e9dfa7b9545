import { memo } from 'react';
import type { HistoryEntry } from '../../../../shared/history.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { useT } from '../../i18n/use-t.ts';
import { OutcomeBadge } from './outcome-badge.tsx';
import { useHistoryFormat } from './use-history-format.ts';

/** Every row is this tall (px): the virtualizer places rows by index alone, nothing is measured. */
export const ROW_HEIGHT = 38;
/** The sticky header row's height (px), above the first row. */
export const HEADER_HEIGHT = 34;

/** The column headers' catalogue keys, in order. */
export const COLUMNS: readonly MessageKey[] = ['history.columnTime', 'history.columnEvent', 'history.columnCustomer', 'history.columnOutcome', 'history.columnHttp', 'history.columnDuration'];

interface HistoryRowProps {
  entry: HistoryEntry;
  /** Position among the loaded entries (0 = newest). */
  index: number;
  selected: boolean;
  /** The row that keyboard focus is on (or returns to): the grid's one tab stop. */
  active: boolean;
}

/**
 * One entry. Memoized on its props, so a row renders when it scrolls into view (reusing the DOM of a
 * row that scrolled out) and again only when its own selection or focus changes; clicks and keys
 * are handled once, on the grid.
 */
export const HistoryRow = memo(function HistoryRow({ entry, index, selected, active }: HistoryRowProps) {
  const t = useT();
  const { when, duration } = useHistoryFormat();
  const who = entry.customerName ?? entry.customerEmail;
  return (
    <div
      role="row"
      id={`history-row-${entry.id}`}
      className="history-row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected || undefined}
      data-index={index}
      tabIndex={active ? 0 : -1}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
    >
      <div role="gridcell" className="history-cell">
        <label className="row-checkbox" data-selected={selected || undefined}>
          <input type="checkbox" className="visually-hidden" checked={selected} tabIndex={-1} aria-label={t('history.selectEntry', { name: entry.request.name, customer: entry.request.customer })} readOnly data-select-row />
        </label>
      </div>
      <div role="rowheader" className="history-cell">
        <span className="ellipsis">{when(entry.createdAt)}</span>
      </div>
      <div role="gridcell" className="history-cell">
        <span className="ellipsis">{entry.request.name}</span>
      </div>
      <div role="gridcell" className="history-cell">
        <span className="ellipsis">
          {/* Hidden rather than left out: a row reused for another entry changes text, never its elements. */}
          <span hidden={!who}>{`${who ?? ''} · `}</span>
          <span className="muted">{`#${entry.request.customer}`}</span>
        </span>
      </div>
      <div role="gridcell" className="history-cell">
        <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} unreadable={entry.unreadable !== null} outbox={entry.outbox} />
      </div>
      <div role="gridcell" className="history-cell">
        <span className="ellipsis">{entry.httpStatus ?? '—'}</span>
      </div>
      <div role="gridcell" className="history-cell">
        <span className="ellipsis">{duration(entry.durationMs)}</span>
      </div>
    </div>
  );
});

/** The column headers, with the box that selects every matching entry. */
export function HistoryHeader({ all, some, onToggleAll }: { all: boolean; some: boolean; onToggleAll: () => void }) {
  const t = useT();
  return (
    <div role="rowgroup" className="history-head">
      <div role="row" className="history-row history-head-row" aria-rowindex={1}>
        <div role="columnheader" className="history-cell">
          <label className="row-checkbox" data-selected={all || undefined} data-indeterminate={(!all && some) || undefined}>
            <input
              type="checkbox"
              className="visually-hidden"
              aria-label={t('history.selectAllMatching')}
              checked={all}
              ref={(input) => {
                if (input) input.indeterminate = !all && some;
              }}
              onChange={onToggleAll}
            />
          </label>
        </div>
        {COLUMNS.map((column) => (
          <div key={column} role="columnheader" className="history-cell">
            {t(column)}
          </div>
        ))}
      </div>
    </div>
  );
}
