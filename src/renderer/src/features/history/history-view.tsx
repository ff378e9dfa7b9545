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

const count = new Intl.NumberFormat();

/** Everything ever sent: filter, inspect, delete, export. */
export function HistoryView({ onLoad, onLogAnother, baseUrl, onPlanned }: { onLoad: (entry: HistoryEntry) => void; onLogAnother: (customer: TimelineCustomer) => void; baseUrl: string; onPlanned: (plan: Plan) => void }) {
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
          {matching === null ? 'Counting…' : `${count.format(matching)} ${matching === 1 ? 'entry' : 'entries'}${filtered ? ' match' : ''}`}
          {selectedCount > 0 && ` · ${count.format(selectedCount)} selected`}
        </p>
        <span className="spacer" />
        <MenuTrigger>
          <Button className="button" isDisabled={exporter.isPending || matching === 0}>
            {selectedCount > 0 ? 'Export selected…' : filtered ? 'Export matching…' : 'Export all…'}
          </Button>
          <Popover className="popover menu-popover">
            <Menu className="menu" onAction={(key) => runExport(key === 'ndjson' || key === 'csv' ? key : 'json')}>
              <MenuItem id="csv" className="menu-item">Spreadsheet (.csv)</MenuItem>
              <MenuItem id="json" className="menu-item">JSON document (.json)</MenuItem>
              <MenuItem id="ndjson" className="menu-item">One entry per line (.ndjson)</MenuItem>
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
          {selectedCount > 0 ? 'Replay selected…' : filtered ? 'Replay matching…' : 'Replay all…'}
        </Button>
        <Button className="button danger-outline" isDisabled={selectedCount === 0} onPress={() => setConfirm('delete')}>
          Delete selected
        </Button>
        <Button className="button danger-outline" isDisabled={!matching} onPress={() => setConfirm('clear')}>
          {filtered ? 'Delete matching' : 'Clear all'}
        </Button>
      </div>
      <ExportStatus running={exporter.isPending} progress={progress} result={exporter.data} error={exporter.error} onCancel={() => cancelExport.mutate()} />
      {(remove.error || clear.error || planReplay.error) && <p className="notice error" role="alert">{(remove.error ?? clear.error ?? planReplay.error)?.message}</p>}
      {pages.isError && <p className="notice error" role="alert">History could not be read: {pages.error.message}</p>}
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
            emptyMessage={pages.isPending ? 'Loading…' : filtered ? 'No entries match these filters.' : 'No events sent yet. Everything you send is kept here.'}
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
        title={confirm === 'delete' ? `Delete ${count.format(selectedCount)} ${selectedCount === 1 ? 'entry' : 'entries'}?` : filtered ? `Delete ${count.format(matching ?? 0)} matching entries?` : `Clear all ${count.format(matching ?? 0)} entries?`}
        message="They are removed from this computer for good. HelpCrunch keeps the events that were sent; only Event Desk's record of them goes. Export first if you may need them."
        confirmLabel="Delete"
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
