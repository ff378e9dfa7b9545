import { ListBox, ListBoxItem } from 'react-aria-components';
import { useHistoryPage } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { OutcomeBadge } from './outcome-badge.tsx';
import { useHistoryFormat } from './use-history-format.ts';

interface HistoryListProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** Past sends, newest first, updated live as main records them. */
export function HistoryList({ selectedId, onSelect }: HistoryListProps) {
  const t = useT();
  const words = useFailureWords();
  const { when } = useHistoryFormat();
  const page = useHistoryPage();
  if (page.isPending) return <p className="muted empty">{t('history.loadingHistory')}</p>;
  if (page.isError) return <p className="notice error">{t('history.readError', { message: words(page.error).message })}</p>;
  return (
    <ListBox
      aria-label={t('history.recentListLabel')}
      className="history-list"
      items={page.data.entries}
      selectionMode="single"
      selectedKeys={selectedId === null ? [] : [selectedId]}
      onSelectionChange={(keys) => {
        const [first] = keys === 'all' ? [] : [...keys];
        if (first !== undefined) onSelect(Number(first));
      }}
      renderEmptyState={() => <p className="muted empty">{t('history.emptyAll')}</p>}
    >
      {(entry) => (
        <ListBoxItem id={entry.id} textValue={t('history.entryText', { name: entry.request.name, customer: entry.request.customer })} className="history-item" data-testid="history-item">
          <span className="history-name">{entry.request.name}</span>
          <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} outbox={entry.outbox} />
          <span className="history-meta">
            {entry.customerName ?? entry.customerEmail ?? t('history.customerFallback')} #{entry.request.customer} · {when(entry.createdAt)}
            {entry.httpStatus !== null ? t('history.httpShort', { status: entry.httpStatus }) : ''}
          </span>
        </ListBoxItem>
      )}
    </ListBox>
  );
}
