import { useCallback, useMemo, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, type Selection } from 'react-aria-components';
import { EMPTY_FILTER, type HistoryEntry, type HistoryFilter } from '../../../../shared/history.ts';
import { useCancelExport, useClearHistory, useDeleteEntries, useExportHistory, useExportProgress, useHistoryCount, useHistoryPages, type ExportFormat } from '../../api/history-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { usePlanHistory } from '../../api/jobs-hooks.ts';
import type { Plan } from '../../../../shared/jobs.ts';
import { ExportStatus } from './export-status.tsx';
import { HistoryDetail } from './history-detail.tsx';
import type { TimelineCustomer } from '../customers/customer-timeline.tsx';
import { HistoryFilters } from './history-filters.tsx';
import { HistoryTable } from './history-table.tsx';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

/** Everything ever sent: filter, inspect, delete, export. */
export function HistoryView({ onLoad, onLogAnother, baseUrl, onPlanned }: { onLoad: (entry: HistoryEntry) => void; onLogAnother: (customer: TimelineCustomer) => void; baseUrl: string; onPlanned: (plan: Plan) => void }) {
  const t = useT();
  const words = useFailureWords();
  const planReplay = usePlanHistory();
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const [selection, setSelection] = useState<Selection>(new Set());
  const [openId, setOpenId] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<'delete' | 'clear' | null>(null);
  const pages = useHistoryPages(filter);
  const total = useHistoryCount(filter);
  const remove = useDeleteEntries();
  const clear = useClearHistory();
  const exporter = useExportHistory();
  const cancelExport = useCancelExport();
  const progress = useExportProgress();

  // Flattened once per page that arrives, not on every render of the view.
  const entries = useMemo(() => pages.data?.pages.flatMap((page) => page.entries) ?? [], [pages.data]);
  const matching = total.data ?? null;
  const selectedIds = selection === 'all' ? null : [...selection].map(Number);
  const selectedCount = selection === 'all' ? (matching ?? 0) : selectedIds!.length;
  const filterKey = JSON.stringify(filter);
  const filtered = filterKey !== JSON.stringify(EMPTY_FILTER);
  // Stable, so the filter bar (memoized) does not render again with each page of the table.
  const changeFilter = useCallback((next: HistoryFilter) => {
    setFilter(next);
    setSelection(new Set());
  }, []);

  const runExport = (format: ExportFormat) => exporter.mutate({ filter, ids: selection === 'all' || selectedCount === 0 ? null : selectedIds, format });

  return (
    <div className="history-view">
      <HistoryFilters onChange={changeFilter} />
      <div className="history-toolbar">
        <p className="match-count" aria-live="polite" data-testid="match-count">
          {matching === null ? t('history.counting') : filtered ? t('history.matchCount', { count: matching }) : t('history.entryCount', { count: matching })}
          {selectedCount > 0 && t('history.selectedCount', { count: selectedCount })}
        </p>
        <span className="spacer" />
        <MenuTrigger>
          <Button className="button" isDisabled={exporter.isPending || matching === 0}>
            {selectedCount > 0 ? t('history.exportSelected') : filtered ? t('history.exportMatching') : t('history.exportAll')}
          </Button>
          <Popover className="popover menu-popover">
            <Menu className="menu" onAction={(key) => runExport(key === 'ndjson' || key === 'csv' ? key : 'json')}>
              <MenuItem id="csv" className="menu-item">{t('history.formatCsv')}</MenuItem>
              <MenuItem id="json" className="menu-item">{t('history.formatJson')}</MenuItem>
              <MenuItem id="ndjson" className="menu-item">{t('history.formatNdjson')}</MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
        <Button
          className="button"
          isDisabled={planReplay.isPending || matching === 0}
          onPress={() =>
            planReplay.mutate(
              { ids: selection === 'all' || selectedCount === 0 ? null : selectedIds, filter: selection === 'all' || selectedCount === 0 ? filter : null, sendDuplicates: false },
              { onSuccess: onPlanned },
            )
          }
        >
          {selectedCount > 0 ? t('history.replaySelected') : filtered ? t('history.replayMatching') : t('history.replayAll')}
        </Button>
        <Button className="button danger-outline" isDisabled={selectedCount === 0} onPress={() => setConfirm('delete')}>
          {t('history.deleteSelected')}
        </Button>
        <Button className="button danger-outline" isDisabled={!matching} onPress={() => setConfirm('clear')}>
          {filtered ? t('history.deleteMatching') : t('history.clearAll')}
        </Button>
      </div>
      <ExportStatus running={exporter.isPending} progress={progress} result={exporter.data} error={exporter.error} onCancel={() => cancelExport.mutate()} />
      {(remove.error || clear.error || planReplay.error) && <p className="notice error" role="alert">{words((remove.error ?? clear.error ?? planReplay.error)!).message}</p>}
      {pages.isError && <p className="notice error" role="alert">{t('history.readError', { message: words(pages.error).message })}</p>}
      <div className="history-main">
        <div className="history-table-wrap">
          <HistoryTable
            // A new filter is a new list: it starts at the top, with the first row focusable.
            key={filterKey}
            entries={entries}
            total={matching}
            hasMore={!!pages.hasNextPage}
            loadingMore={pages.isFetchingNextPage}
            onLoadMore={() => void pages.fetchNextPage()}
            selection={selection}
            onSelectionChange={setSelection}
            onOpen={setOpenId}
            emptyMessage={pages.isPending ? t('common.loading') : filtered ? t('history.noMatches') : t('history.emptyAll')}
          />
        </div>
        {openId !== null && (
          <div className="history-side">
            <HistoryDetail id={openId} baseUrl={baseUrl} onLoad={onLoad} onLogAnother={onLogAnother} onClose={() => setOpenId(null)} />
          </div>
        )}
      </div>
      <ConfirmDialog
        isOpen={confirm !== null}
        title={confirm === 'delete' ? t('history.confirmDeleteSelected', { count: selectedCount }) : filtered ? t('history.confirmDeleteMatching', { count: matching ?? 0 }) : t('history.confirmClearAll', { count: matching ?? 0 })}
        message={t('history.confirmDeleteMessage')}
        confirmLabel={t('action.delete')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm === 'delete') {
            if (selection === 'all') clear.mutate(filter);
            else remove.mutate(selectedIds!);
          } else clear.mutate(filter);
          setSelection(new Set());
          setOpenId(null);
          setConfirm(null);
        }}
      />
    </div>
  );
}
