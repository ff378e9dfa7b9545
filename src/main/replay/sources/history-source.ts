import type { HistoryFilter } from '../../../shared/history.ts';
import type { HistoryRepository } from '../../history/history-repository.ts';
import type { Source, SourceRecord } from './source.ts';

/**
 * Past sends as a replay source: the History selection (ids) or everything matching a filter,
 * oldest first so a replay keeps the original order. Positions are history entry ids.
 */
export function historySource(history: HistoryRepository, profile: string, selection: { ids: number[] } | { filter: HistoryFilter }): Source {
  const label = 'ids' in selection ? `history: ${selection.ids.length} selected ${selection.ids.length === 1 ? 'entry' : 'entries'}` : 'history: the current filter';
  async function* records(): AsyncGenerator<SourceRecord> {
    const entries = 'ids' in selection ? history.iterate(profile, null, selection.ids, 500) : history.iterate(profile, selection.filter, null, 500);
    // iterate() gives newest first; collect ids only (small) and replay oldest first.
    const ids: number[] = [];
    for (const entry of entries) ids.push(entry.id);
    for (const id of ids.toReversed()) {
      const entry = history.get(id);
      if (entry && !entry.unreadable) yield { position: id, raw: entry.request };
      else yield { position: id, problem: 'the history entry is damaged or gone' };
    }
  }
  return { unit: 'item', label, records: records() };
}
