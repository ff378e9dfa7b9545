import { useState } from 'react';
import { Dialog, Heading, Input, ListBox, ListBoxItem, Modal, ModalOverlay, SearchField, Label } from 'react-aria-components';
import type { SavedEvent } from '../../../../shared/saved-events.ts';
import { useT } from '../../i18n/use-t.ts';

/** Ctrl/Cmd+P: find a saved event by title, event name or tag, and load it. */
export function QuickOpen({ isOpen, saved, onClose, onPick }: { isOpen: boolean; saved: SavedEvent[]; onClose: () => void; onPick: (item: SavedEvent) => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = saved.filter((item) => {
    const text = `${item.title} ${item.name} ${item.tags.join(' ')}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal small-modal">
        <Dialog className="dialog quick-open" aria-label={t('library.openSaved')}>
          <Heading slot="title">{t('library.openSaved')}</Heading>
          <SearchField
            className="field"
            value={query}
            onChange={setQuery}
            autoFocus
            onSubmit={() => {
              if (matches[0]) onPick(matches[0]);
            }}
          >
            <Label>{t('library.searchPlaceholder')}</Label>
            <Input />
          </SearchField>
          <ListBox aria-label={t('library.matchingSaved')} className="select-list quick-open-list" items={matches} onAction={(key) => { const item = saved.find((candidate) => candidate.id === Number(key)); if (item) onPick(item); }} renderEmptyState={() => <p className="muted empty">{saved.length === 0 ? t('library.libraryEmpty') : t('library.nothingMatches')}</p>}>
            {(item) => (
              <ListBoxItem id={item.id} className="select-option" textValue={item.title}>
                <strong>{item.title}</strong> <span className="muted">· {item.name}{item.tags.length ? ` · ${item.tags.join(', ')}` : ''}</span>
              </ListBoxItem>
            )}
          </ListBox>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
