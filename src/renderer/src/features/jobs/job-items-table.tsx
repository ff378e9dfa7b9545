import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Cell, Collection, Column, Label, ListBox, ListBoxItem, Popover, Row, Select, SelectValue, Table, TableBody, TableHeader, TableLayout, TableLoadMoreItem, Virtualizer, type Key } from 'react-aria-components';
import { itemStateSchema, type ItemState } from '../../../../shared/jobs.ts';
import { useJobItems } from '../../api/jobs-hooks.ts';
import { useT } from '../../i18n/use-t.ts';
import { itemDetailWords, itemStateWords } from './job-words.ts';

const ALL = '__all__';

/** A job's items, virtualized, filtered by state; each links to the history entry it produced. */
export function JobItemsTable({ jobId, onOpenHistory }: { jobId: number; onOpenHistory: (historyId: number) => void }) {
  const t = useT();
  const { locale } = useIntl();
  const [state, setState] = useState<ItemState | null>(null);
  const pages = useJobItems(jobId, state);
  const items = pages.data?.pages.flat() ?? [];
  return (
    <section className="job-items" aria-labelledby="items-title">
      <div className="job-items-toolbar">
        <h4 id="items-title">{t('jobs.items')}</h4>
        <Select className="field inline-select" selectedKey={state ?? ALL} onSelectionChange={(key: Key | null) => setState(key === ALL || key === null ? null : (key as ItemState))}>
          <Label>{t('jobs.show')}</Label>
          <Button className="button select-button">
            <SelectValue />
            <span aria-hidden="true">▾</span>
          </Button>
          <Popover className="popover">
            <ListBox className="select-list">
              <ListBoxItem id={ALL} className="select-option">{t('jobs.allItems')}</ListBoxItem>
              {itemStateSchema.options.map((option) => (
                <ListBoxItem key={option} id={option} className="select-option">
                  {itemStateWords(t, option)}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
      </div>
      <div className="job-items-table-wrap">
        <Virtualizer layout={TableLayout} layoutOptions={{ rowHeight: 34, headingHeight: 32, loaderHeight: 32 }}>
          <Table aria-label={t('jobs.itemsTable')} className="history-table" onRowAction={(key) => {
            const item = items.find((candidate) => candidate.seq === Number(key));
            if (item?.historyId) onOpenHistory(item.historyId);
          }}>
            <TableHeader>
              <Column isRowHeader defaultWidth={70}>#</Column>
              <Column defaultWidth={70}>{t('jobs.columnLine')}</Column>
              <Column defaultWidth="1.3fr">{t('jobs.columnState')}</Column>
              <Column defaultWidth="1.5fr">{t('history.columnEvent')}</Column>
              <Column defaultWidth={90}>{t('history.columnCustomer')}</Column>
              <Column defaultWidth={60}>{t('history.columnHttp')}</Column>
              <Column defaultWidth="2.5fr">{t('jobs.columnDetails')}</Column>
            </TableHeader>
            <TableBody renderEmptyState={() => <p className="muted empty">{pages.isPending ? t('common.loading') : t('jobs.noItems')}</p>}>
              <Collection items={items.map((item) => ({ ...item, id: item.seq }))}>
                {(item) => (
                  <Row id={item.seq} className="history-row" textValue={t('jobs.itemText', { seq: item.seq })}>
                    <Cell>{item.seq}</Cell>
                    <Cell>{item.line}</Cell>
                    <Cell>
                      <span className={`badge ${item.state === 'sent' ? 'ok' : item.state === 'rejected' || item.state === 'invalid' ? 'bad' : item.state === 'pending' || item.state === 'skipped' ? 'busy' : 'warn'}`}>{itemStateWords(t, item.state)}</span>
                    </Cell>
                    <Cell>
                      <span className="ellipsis">{item.name ?? '—'}</span>
                    </Cell>
                    <Cell>{item.customer ?? '—'}</Cell>
                    <Cell>{item.httpStatus ?? '—'}</Cell>
                    <Cell>
                      <span className="ellipsis" title={item.error === null ? undefined : itemDetailWords(t, locale, item)}>
                        {item.eventId !== null ? t('jobs.eventRef', { id: item.eventId }) : itemDetailWords(t, locale, item)}
                        {item.historyId !== null && <span className="muted">{t('jobs.historyRef', { id: item.historyId })}</span>}
                      </span>
                    </Cell>
                  </Row>
                )}
              </Collection>
              {pages.hasNextPage && (
                <TableLoadMoreItem onLoadMore={() => void pages.fetchNextPage()} isLoading={pages.isFetchingNextPage} className="load-more">
                  <span className="muted">{t('history.loadingMore')}</span>
                </TableLoadMoreItem>
              )}
            </TableBody>
          </Table>
        </Virtualizer>
      </div>
    </section>
  );
}
