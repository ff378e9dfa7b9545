import { ListBox, ListBoxItem } from 'react-aria-components';
import { useHistoryPage } from '../../api/hooks.ts';
import { formatWhen } from '../../format.ts';
import { OutcomeBadge } from './outcome-badge.tsx';

interface HistoryListProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** Past sends, newest first, updated live as main records them. */
export function HistoryList({ selectedId, onSelect }: HistoryListProps) {
  const page = useHistoryPage();
  if (page.isPending) return <p className="muted empty">Loading history…</p>;
  if (page.isError) return <p className="notice error">History could not be read: {page.error.message}</p>;
  return (
    <ListBox
      aria-label="Recent sends, newest first"
      className="history-list"
      items={page.data.entries}
      selectionMode="single"
      selectedKeys={selectedId === null ? [] : [selectedId]}
      onSelectionChange={(keys) => {
        const [first] = keys === 'all' ? [] : [...keys];
        if (first !== undefined) onSelect(Number(first));
      }}
      renderEmptyState={() => <p className="muted empty">No events sent yet. Everything you send is kept here.</p>}
    >
      {(entry) => (
        <ListBoxItem id={entry.id} textValue={`${entry.request.name} to ${entry.request.customer}`} className="history-item" data-testid="history-item">
          <span className="history-name">{entry.request.name}</span>
          <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} outbox={entry.outbox} />
          <span className="history-meta">
            {entry.customerName ?? entry.customerEmail ?? 'customer'} #{entry.request.customer} · {formatWhen(entry.createdAt)}
            {entry.httpStatus !== null ? ` · HTTP ${entry.httpStatus}` : ''}
          </span>
        </ListBoxItem>
      )}
    </ListBox>
  );
}
