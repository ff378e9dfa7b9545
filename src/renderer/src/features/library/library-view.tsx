import { useEffect, useState } from 'react';
import { Button, Input, Label, Menu, MenuItem, MenuTrigger, Popover, SearchField } from 'react-aria-components';
import type { ImportReport, SavedEvent } from '../../../../shared/saved-events.ts';
import { useLibraryActions, useSavedEvents } from '../../api/library-hooks.ts';

interface LibraryViewProps {
  onUse: (saved: SavedEvent) => void;
  onEdit: (saved: SavedEvent) => void;
}

/** The saved-events library: use, edit, duplicate, delete (with undo), import and export. */
export function LibraryView({ onUse, onEdit }: LibraryViewProps) {
  const saved = useSavedEvents();
  const actions = useLibraryActions();
  const [query, setQuery] = useState('');
  const [deleted, setDeleted] = useState<SavedEvent | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  // The undo offer goes away with the undo window.
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), 9_000);
    return () => clearTimeout(timer);
  }, [deleted]);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const list = (saved.data ?? []).filter((item) => words.every((word) => `${item.title} ${item.name} ${item.tags.join(' ')}`.toLowerCase().includes(word)));
  const error = [actions.remove, actions.undo, actions.duplicate, actions.exportLibrary, actions.importLibrary].find((mutation) => mutation.error)?.error;

  return (
    <div className="library-view" data-testid="library-view">
      <div className="jobs-toolbar">
        <SearchField className="field grow" value={query} onChange={setQuery} aria-label="Search saved events">
          <Label>Search</Label>
          <Input placeholder="Title, event name or tag" />
        </SearchField>
        <Button className="button" onPress={() => actions.exportLibrary.mutate()}>
          Export library…
        </Button>
        <MenuTrigger>
          <Button className="button">Import library…</Button>
          <Popover className="popover menu-popover">
            <Menu className="menu" onAction={(key) => actions.importLibrary.mutate(key as 'ask' | 'replace' | 'keep-both', { onSuccess: (result) => setReport(result) })}>
              <MenuItem id="ask" className="menu-item">Keep mine when a title exists with other content</MenuItem>
              <MenuItem id="replace" className="menu-item">Replace mine with the file's</MenuItem>
              <MenuItem id="keep-both" className="menu-item">Keep both (the file's gets "(imported)")</MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
      </div>
      {deleted && (
        <div className="notice warning" role="status">
          Deleted "{deleted.title}".{' '}
          <Button className="link-button" onPress={() => actions.undo.mutate(deleted.id, { onSuccess: () => setDeleted(null) })}>
            Undo
          </Button>
        </div>
      )}
      {report && (
        <div className="notice success" role="status" data-testid="import-report">
          <p>
            Added {report.added.length}, updated {report.updated.length}, skipped {report.skipped.length}.
          </p>
          {report.skipped.map((item) => (
            <p key={item.title} className="small">
              Skipped "{item.title}": {item.reason}
            </p>
          ))}
          {report.conflicts.length > 0 && <p>Same title, other content (left as they were): {report.conflicts.join(', ')}. Import again and choose Replace or Keep both.</p>}
        </div>
      )}
      {actions.exportLibrary.data && <p className="notice success" role="status">Exported {actions.exportLibrary.data.count} saved events to {actions.exportLibrary.data.path}.</p>}
      {error && <p className="notice error" role="alert">{error.message}</p>}
      <ul className="library-list" aria-label="Saved events">
        {list.length === 0 && <li className="muted empty">{(saved.data ?? []).length === 0 ? 'No saved events yet. In the composer, press Ctrl/Cmd+S to save the event you wrote.' : 'Nothing matches.'}</li>}
        {list.map((item) => (
          <li key={item.id} className="library-item">
            <div className="library-item-text">
              <strong>{item.title}</strong>
              <span className="muted small">
                {item.name}
                {item.fields.length > 0 && ` · asks for ${item.fields.map((field) => field.label).join(', ')}`}
                {item.tags.length > 0 && ` · ${item.tags.join(', ')}`}
              </span>
              {item.description && <span className="small">{item.description}</span>}
            </div>
            <div className="button-row">
              <Button className="button primary" onPress={() => onUse(item)} aria-label={`Use ${item.title}`}>
                Use
              </Button>
              <Button className="button" onPress={() => onEdit(item)} aria-label={`Edit ${item.title}`}>
                Edit
              </Button>
              <Button className="button" onPress={() => actions.duplicate.mutate(item.id)} aria-label={`Duplicate ${item.title}`}>
                Duplicate
              </Button>
              <Button className="button danger-outline" onPress={() => actions.remove.mutate(item.id, { onSuccess: () => setDeleted(item) })} aria-label={`Delete ${item.title}`}>
                Delete
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
