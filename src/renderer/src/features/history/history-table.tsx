import { Cell, Checkbox, Collection, Column, Row, Table, TableBody, TableHeader, TableLayout, TableLoadMoreItem, Virtualizer, type Selection } from 'react-aria-components';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { formatDuration, formatWhen } from '../../format.ts';
import { OutcomeBadge } from './outcome-badge.tsx';

interface HistoryTableProps {
  entries: HistoryEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selection: Selection;
  onSelectionChange: (selection: Selection) => void;
  onOpen: (id: number) => void;
  emptyMessage: string;
}

/**
 * Virtualized: only the rows in view are in the DOM, and pages are fetched as the end comes into
 * view, so a million entries scroll like fifty.
 */
export function HistoryTable({ entries, hasMore, loadingMore, onLoadMore, selection, onSelectionChange, onOpen, emptyMessage }: HistoryTableProps) {
  return (
    <Virtualizer layout={TableLayout} layoutOptions={{ rowHeight: 38, headingHeight: 34, loaderHeight: 34 }}>
      <Table
        aria-label="History entries, newest first"
        className="history-table"
        selectionMode="multiple"
        selectionBehavior="toggle"
        selectedKeys={selection}
        onSelectionChange={onSelectionChange}
        onRowAction={(key) => onOpen(Number(key))}
      >
        <TableHeader>
          <Column width={40} minWidth={40}>
            <Checkbox slot="selection" className="row-checkbox" />
          </Column>
          <Column isRowHeader defaultWidth="1.2fr">Time</Column>
          <Column defaultWidth="2fr">Event</Column>
          <Column defaultWidth="1.7fr">Customer</Column>
          <Column defaultWidth="1.6fr">Outcome</Column>
          <Column defaultWidth={70}>HTTP</Column>
          <Column defaultWidth={80}>Duration</Column>
        </TableHeader>
        <TableBody renderEmptyState={() => <p className="muted empty">{emptyMessage}</p>}>
          <Collection items={entries}>
            {(entry) => (
              <Row id={entry.id} className="history-row" textValue={`${entry.request.name} to ${entry.request.customer}`}>
                <Cell>
                  <Checkbox slot="selection" className="row-checkbox" />
                </Cell>
                <Cell>{formatWhen(entry.createdAt)}</Cell>
                <Cell>
                  <span className="ellipsis">{entry.request.name}</span>
                </Cell>
                <Cell>
                  <span className="ellipsis">
                    {entry.customerName || entry.customerEmail ? `${entry.customerName ?? entry.customerEmail} · ` : ''}
                    <span className="muted">#{entry.request.customer}</span>
                  </span>
                </Cell>
                <Cell>
                  <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} unreadable={entry.unreadable !== null} />
                </Cell>
                <Cell>{entry.httpStatus ?? '—'}</Cell>
                <Cell>{formatDuration(entry.durationMs)}</Cell>
              </Row>
            )}
          </Collection>
          {hasMore && (
            <TableLoadMoreItem onLoadMore={onLoadMore} isLoading={loadingMore} className="load-more">
              <span className="muted">Loading more…</span>
            </TableLoadMoreItem>
          )}
        </TableBody>
      </Table>
    </Virtualizer>
  );
}
