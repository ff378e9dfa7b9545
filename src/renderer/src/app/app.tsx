import { useEffect, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import type { HistoryEntry } from '../../../shared/history.ts';
import { useNotices } from '../api/history-hooks.ts';
import { useHistoryUpdates, useSettings } from '../api/hooks.ts';
import { Composer } from '../features/composer/composer.tsx';
import { useDraft } from '../features/composer/use-draft.ts';
import { HistoryDetail } from '../features/history/history-detail.tsx';
import { HistoryList } from '../features/history/history-list.tsx';
import { HistoryView } from '../features/history/history-view.tsx';
import { JobsView } from '../features/jobs/jobs-view.tsx';
import type { Plan } from '../../../shared/jobs.ts';
import { SettingsDialog } from '../features/settings/settings-dialog.tsx';
import { modKey } from '../format.ts';

export function App() {
  const settings = useSettings();
  const notices = useNotices();
  const [draft, setDraft] = useDraft();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [tab, setTab] = useState<Key>('compose');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [plan, setPlan] = useState<Plan | null>(null);
  useHistoryUpdates();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const action = { ',': () => setSettingsOpen(true), '1': () => setTab('compose'), '2': () => setTab('history'), '3': () => setTab('jobs') }[event.key];
      if (action) {
        event.preventDefault();
        action();
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
    setTab('compose');
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.composer input')?.focus());
  };

  const key = settings.data?.key;
  const baseUrl = settings.data?.baseUrl;
  const openSettings = () => setSettingsOpen(true);
  return (
    <>
    <Tabs className="app" selectedKey={tab} onSelectionChange={setTab}>
      <header className="app-header">
        <h1>Event Desk</h1>
        <TabList aria-label="Views" className="view-tabs">
          <Tab id="compose" className="view-tab">
            Compose <kbd className="shortcut">{modKey}+1</kbd>
          </Tab>
          <Tab id="history" className="view-tab">
            History <kbd className="shortcut">{modKey}+2</kbd>
          </Tab>
          <Tab id="jobs" className="view-tab">
            Jobs <kbd className="shortcut">{modKey}+3</kbd>
          </Tab>
        </TabList>
        {baseUrl && baseUrl.source !== 'default' && (
          <span className="chip" title="API base URL">
            {new URL(baseUrl.value).host}
          </span>
        )}
        <span className="spacer" />
        {key && (
          <Button className={`chip-button ${key.state === 'missing' || key.withheld ? 'warn' : ''}`} onPress={openSettings} aria-describedby="key-chip-hint">
            {key.state === 'missing' ? 'No API key' : key.withheld ? 'Key not sent to this address' : `Key ••••${key.last4}${key.state === 'session' ? ' (this session)' : ''}`}
          </Button>
        )}
        {key && (
          <span id="key-chip-hint" hidden>
            API key status; opens Settings
          </span>
        )}
        <Button className="button" onPress={openSettings} aria-keyshortcuts={`${modKey === '⌘' ? 'Meta' : 'Control'}+,`}>
          Settings <kbd className="shortcut">{modKey}+,</kbd>
        </Button>
      </header>
      {!dismissed && (notices.data?.length ?? 0) > 0 && (
        <div className="notice warning banner" role="alert" data-testid="startup-notices">
          {notices.data!.map((notice) => (
            <p key={notice.code}>{notice.message}</p>
          ))}
          <Button className="button" onPress={() => setDismissed(true)}>
            Dismiss
          </Button>
        </div>
      )}
      <TabPanel id="compose" className="workspace">
        <Composer draft={draft} onDraftChange={setDraft} onOpenSettings={openSettings} hasKey={key !== undefined && key.state !== 'missing'} />
        <aside className="history-column" aria-labelledby="history-title">
          <h2 id="history-title">Recent sends</h2>
          <HistoryList selectedId={selectedId} onSelect={setSelectedId} />
          {selectedId !== null && <HistoryDetail id={selectedId} baseUrl={baseUrl?.value ?? ''} onLoad={loadIntoComposer} onClose={() => setSelectedId(null)} />}
        </aside>
      </TabPanel>
      <TabPanel id="history" className="history-panel">
        <HistoryView
          onLoad={loadIntoComposer}
          baseUrl={baseUrl?.value ?? ''}
          onPlanned={(made) => {
            setPlan(made);
            setTab('jobs');
          }}
        />
      </TabPanel>
      <TabPanel id="jobs" className="jobs-panel">
        <JobsView plan={plan} onPlan={setPlan} baseUrl={baseUrl?.value ?? ''} onLoad={loadIntoComposer} />
      </TabPanel>
    </Tabs>
    {/* Outside Tabs: React Aria renders a collection's children twice to build it, and a modal's portal would escape that hidden copy. */}
    <SettingsDialog isOpen={settingsOpen} onOpenChange={setSettingsOpen} />
    </>
  );
}
