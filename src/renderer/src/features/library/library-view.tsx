import { useEffect, useState } from 'react';
import { Button, Input, Label, Menu, MenuItem, MenuTrigger, Popover, SearchField } from 'react-aria-components';
import type { ImportReport, SavedEvent } from '../../../../shared/saved-events.ts';
import { STARTER_EVENTS } from '../../../../shared/starter-events.ts';
import { useLibraryActions, useSavedEvents } from '../../api/library-hooks.ts';
import { useProfiles } from '../../api/profile-hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { useSaveAs } from './save-as-context.ts';
import { StarterOffer } from './starter-offer.tsx';

interface LibraryViewProps {
  onUse: (saved: SavedEvent) => void;
  onEdit: (saved: SavedEvent) => void;
}

/** The saved-events library: use, edit, duplicate, delete (with undo), import and export. */
export function LibraryView({ onUse, onEdit }: LibraryViewProps) {
  const t = useT();
  const failure = useFailureWords();
  const quoted = (titles: readonly string[]) => titles.map((title) => t('library.quoted', { title })).join(', ');
  const saved = useSavedEvents();
  const actions = useLibraryActions();
  const saveAs = useSaveAs();
  const profiles = useProfiles();
  const accountName = (id: string) => profiles.data?.profiles.find((profile) => profile.id === id)?.name ?? id;
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
  const error = [actions.remove, actions.undo, actions.duplicate, actions.share, actions.exportLibrary, actions.importLibrary, actions.addStarters].find((mutation) => mutation.error)?.error;

  return (
    <div className="library-view" data-testid="library-view">
      <div className="jobs-toolbar">
        <SearchField className="field grow" value={query} onChange={setQuery} aria-label={t('library.searchLabel')}>
          <Label>{t('library.search')}</Label>
          <Input placeholder={t('library.searchPlaceholder')} />
        </SearchField>
        {saveAs && (
          <Button className="button primary" onPress={() => saveAs({ existing: null, name: '', template: {}, customer: null })}>
            {t('library.newSaved')}
          </Button>
        )}
        <MenuTrigger>
          <Button className="button">{t('library.newFromStarter')}</Button>
          <Popover className="popover menu-popover">
            <Menu className="menu" aria-label={t('library.starterEvents')} onAction={(key) => actions.addStarters.mutate(key === 'all' ? null : [String(key)])}>
              {STARTER_EVENTS.map((starter) => (
                <MenuItem key={starter.title} id={starter.title} className="menu-item">
                  {starter.title}
                </MenuItem>
              ))}
              <MenuItem id="all" className="menu-item">
                {t('library.allStarters')}
              </MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
        <Button className="button" onPress={() => actions.exportLibrary.mutate()}>
          {t('library.exportLibrary')}
        </Button>
        <MenuTrigger>
          <Button className="button">{t('library.importLibrary')}</Button>
          <Popover className="popover menu-popover">
            <Menu className="menu" onAction={(key) => actions.importLibrary.mutate(key as 'ask' | 'replace' | 'keep-both', { onSuccess: (result) => setReport(result) })}>
              <MenuItem id="ask" className="menu-item">{t('library.importAsk')}</MenuItem>
              <MenuItem id="replace" className="menu-item">{t('library.importReplace')}</MenuItem>
              <MenuItem id="keep-both" className="menu-item">{t('library.importKeepBoth')}</MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
      </div>
      {deleted && (
        <div className="notice warning" role="status">
          {t('library.deleted', { title: deleted.title })}{' '}
          <Button className="link-button" onPress={() => actions.undo.mutate(deleted.id, { onSuccess: () => setDeleted(null) })}>
            {t('library.undo')}
          </Button>
        </div>
      )}
      {report && (
        <div className="notice success" role="status" data-testid="import-report">
          <p>{t('library.importSummary', { added: report.added.length, updated: report.updated.length, skipped: report.skipped.length })}</p>
          {report.skipped.map((item) => (
            <p key={item.title} className="small">
              {t('library.importSkipped', { title: item.title, reason: item.reason })}
            </p>
          ))}
          {report.conflicts.length > 0 && <p>{t('library.importConflicts', { titles: report.conflicts.join(', ') })}</p>}
        </div>
      )}
      {actions.addStarters.data && (
        <p className="notice success" role="status">
          {actions.addStarters.data.added.length > 0 ? t('library.startersAdded', { titles: quoted(actions.addStarters.data.added.map((item) => item.title)) }) : t('library.nothingAdded')}
          {actions.addStarters.data.skipped.length > 0 && t('library.alreadyInLibrary', { titles: actions.addStarters.data.skipped.join(', ') })}
        </p>
      )}
      {actions.share.data?.file && <p className="notice success" role="status">{t('library.shared', { title: actions.share.data.title, file: actions.share.data.file })}</p>}
      {actions.exportLibrary.data && <p className="notice success" role="status">{t('library.exported', { count: actions.exportLibrary.data.count, path: actions.exportLibrary.data.path })}</p>}
      {error && <p className="notice error" role="alert">{failure(error).message}</p>}
      <ul className="library-list" aria-label={t('library.savedEvents')}>
        {list.length === 0 && saved.isSuccess && (
          <li className={saved.data.length === 0 ? "empty" : "muted empty"}>{saved.data.length === 0 ? <StarterOffer /> : t('library.nothingMatches')}</li>
        )}
        {list.map((item) => (
          <li key={item.id} className="library-item">
            <div className="library-item-text">
              <strong>{item.title}</strong>
              <span className="muted small">
                {item.name}
                {item.fields.length > 0 && t('library.asksFor', { labels: item.fields.map((field) => field.label).join(', ') })}
                {item.tags.length > 0 && ` · ${item.tags.join(', ')}`}
                {item.accounts.length > 0 && t('library.onlyIn', { accounts: item.accounts.map(accountName).join(', ') })}
              </span>
              {item.file && <span className="muted small">{t('library.inWorkspace', { file: item.file })}</span>}
              {item.description && <span className="small">{item.description}</span>}
            </div>
            <div className="button-row">
              <Button className="button primary" onPress={() => onUse(item)} aria-label={t('library.useTitle', { title: item.title })}>
                {t('library.use')}
              </Button>
              <Button className="button" onPress={() => onEdit(item)} aria-label={t('library.editTitle', { title: item.title })}>
                {t('library.edit')}
              </Button>
              <Button className="button" onPress={() => actions.duplicate.mutate(item.id)} aria-label={t('library.duplicateTitle', { title: item.title })}>
                {t('library.duplicate')}
              </Button>
              {item.file === null && item.accounts.length === 0 && (
                <Button className="button" onPress={() => actions.share.mutate(item.id)} aria-label={t('library.shareLabel', { title: item.title })}>
                  {t('library.share')}
                </Button>
              )}
              <Button className="button danger-outline" onPress={() => actions.remove.mutate(item.id, { onSuccess: () => setDeleted(item) })} aria-label={t('library.deleteTitle', { title: item.title })}>
                {t('action.delete')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
