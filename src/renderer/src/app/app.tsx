import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { HistoryEntry } from '../../../shared/history.ts';
import { useHistoryUpdates, useSettings } from '../api/hooks.ts';
import { Composer } from '../features/composer/composer.tsx';
import { useDraft } from '../features/composer/use-draft.ts';
import { HistoryDetail } from '../features/history/history-detail.tsx';
import { HistoryList } from '../features/history/history-list.tsx';
import { SettingsDialog } from '../features/settings/settings-dialog.tsx';
import { modKey } from '../format.ts';

export function App() {
  const settings = useSettings();
  const [draft, setDraft] = useDraft();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  useHistoryUpdates();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === ',' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        setSettingsOpen(true);
      }
    };
    // Capture phase: React Aria fields stop keydown from bubbling.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  // Tests wait for this marker instead of sleeping.
  useEffect(() => {
    if (settings.data) document.body.dataset.appReady = 'true';
  }, [settings.data]);

  const loadIntoComposer = (entry: HistoryEntry) => {
    setDraft({ name: entry.request.name, customer: String(entry.request.customer), data: JSON.stringify(entry.request.data, null, 2), customerCard: null });
    document.querySelector<HTMLInputElement>('.composer input')?.focus();
  };

  const key = settings.data?.key;
  const baseUrl = settings.data?.baseUrl;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Event Desk</h1>
        {baseUrl && baseUrl.source !== 'default' && (
          <span className="chip" title="API base URL">
            {new URL(baseUrl.value).host}
          </span>
        )}
        <span className="spacer" />
        {key && (
          <Button className={`chip-button ${key.state === 'missing' ? 'warn' : ''}`} onPress={() => setSettingsOpen(true)} aria-label="API key status; open settings">
            {key.state === 'missing' ? 'No API key' : `Key ••••${key.last4}${key.state === 'session' ? ' (this session)' : ''}`}
          </Button>
        )}
        <Button className="button" onPress={() => setSettingsOpen(true)} aria-keyshortcuts={`${modKey === '⌘' ? 'Meta' : 'Control'}+,`}>
          Settings <kbd className="shortcut">{modKey}+,</kbd>
        </Button>
      </header>
      <main className="workspace">
        <Composer draft={draft} onDraftChange={setDraft} onOpenSettings={() => setSettingsOpen(true)} hasKey={key !== undefined && key.state !== 'missing'} />
        <aside className="history-column" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <HistoryList selectedId={selectedId} onSelect={setSelectedId} />
          {selectedId !== null && <HistoryDetail id={selectedId} onLoad={loadIntoComposer} onClose={() => setSelectedId(null)} />}
        </aside>
      </main>
      <SettingsDialog isOpen={settingsOpen} onOpenChange={setSettingsOpen} />
    </div>
  );
}
