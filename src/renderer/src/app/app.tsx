import { Suspense, useCallback, useEffect, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import type { HistoryEntry } from '../../../shared/history.ts';
import type { Plan } from '../../../shared/jobs.ts';
import type { SavedEvent } from '../../../shared/saved-events.ts';
import { parseDataText } from '../../../shared/event.ts';
import { useNotices } from '../api/history-hooks.ts';
import { useHistoryUpdates, useSettings } from '../api/hooks.ts';
import { useSavedEvents } from '../api/library-hooks.ts';
import { useOutbox } from '../api/outbox-hooks.ts';
import { useProfiles } from '../api/profile-hooks.ts';
import { useOpenedFile } from '../api/update-hooks.ts';
import { Composer } from '../features/composer/composer.tsx';
import { useDraft } from '../features/composer/use-draft.ts';
import { HistoryList } from '../features/history/history-list.tsx';
import { QuickLog } from '../features/library/quick-log.tsx';
import type { SaveSource } from '../features/library/save-dialog.tsx';
import type { TimelineCustomer } from '../features/customers/customer-timeline.tsx';
import { SaveAsContext } from '../features/library/save-as-context.ts';
import { useQuickLogState } from '../features/library/use-quick-log-state.ts';
import { modKey } from '../format.ts';
import { useFailureWords } from '../i18n/error-words.ts';
import { useT } from '../i18n/use-t.ts';
import { AppDialogs } from './app-dialogs.tsx';
import { RecentSendsSettled, useShellHandover } from './app-shell.ts';
import { historyDetail, historyView, jobsView, libraryView, planView, settingsDialog, viewsByTab } from './lazy-parts.ts';

export function App() {
  const t = useT();
  const settings = useSettings();
  const notices = useNotices();
  const noticeWords = useFailureWords();
  const [draft, setDraft] = useDraft();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [tab, setTab] = useState<Key>('compose');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [plan, setPlan] = useState<Plan | null>(null);
  const saved = useSavedEvents();
  const quick = useQuickLogState();
  const [saveSource, setSaveSource] = useState<SaveSource | null>(null);
  const [quickOpen, setQuickOpen] = useState(false);
  const [sendMany, setSendMany] = useState<SavedEvent | null>(null);
  const [outboxOpen, setOutboxOpen] = useState(false);
  const [switcherOpen, setSwitcherOpen] = useState(false);
  const profiles = useProfiles();
  const activeProfile = profiles.data?.profiles.find((profile) => profile.id === profiles.data?.active) ?? null;
  const outbox = useOutbox();
  const waiting = outbox.data?.length ?? 0;
  const saveAs = useCallback(() => {
    const data = parseDataText(draft.data);
    if (!data.ok || draft.name.trim() === '') return;
    setSaveSource({ existing: null, name: draft.name.trim(), template: data.value, customer: /^\d+$/.test(draft.customer.trim()) ? Number(draft.customer.trim()) : null });
  }, [draft]);
  const useSaved = (item: SavedEvent) => {
    quick.select(item.id);
    quick.setMode('form');
    if (item.defaultCustomer !== null && draft.customer.trim() === '') setDraft({ ...draft, customer: String(item.defaultCustomer), customerCard: null });
    setQuickOpen(false);
    setTab('compose');
  };
  useHistoryUpdates();
  // A file opened with the app (a double click on a .ndjson) is offered for a replay in the Jobs view.
  const openedName = useOpenedFile().data?.name ?? null;
  const [shownOpened, setShownOpened] = useState<string | null>(null);
  if (openedName !== null && openedName !== shownOpened) {
    // Adjusted while rendering (React's pattern for state that follows a prop): once per file.
    setShownOpened(openedName);
    setTab('jobs');
  }

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (event.shiftKey) {
        if (event.key.toLowerCase() === 'a') {
          event.preventDefault();
          setSwitcherOpen(true);
        }
        return;
      }
      const action = {
        ',': () => setSettingsOpen(true),
        '1': () => setTab('compose'),
        '2': () => setTab('history'),
        '3': () => setTab('jobs'),
        '4': () => setTab('library'),
        '5': () => setTab('plan'),
        p: () => setQuickOpen(true),
        s: () => saveAs(),
      }[event.key.toLowerCase()];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    // Capture phase: React Aria fields stop keydown from bubbling.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [saveAs]);

  // The static shell index.html painted stays until the first screen can be drawn whole (no chip or
  // notice popping in after it, the recent sends listed); then the app is ready, and tests wait for that
  // marker instead of sleeping.
  const [recentSettled, setRecentSettled] = useState(false);
  const onRecentSettled = useCallback(() => setRecentSettled(true), []);
  useShellHandover({ settled: !settings.isPending && !profiles.isPending && !notices.isPending && recentSettled, ready: settings.data !== undefined });

  const loadIntoComposer = (entry: HistoryEntry) => {
    setDraft({ name: entry.request.name, customer: String(entry.request.customer), data: JSON.stringify(entry.request.data, null, 2), customerCard: null });
    setTab('compose');
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.composer input')?.focus());
  };
  // A timeline's "Log another" from History: this customer picked, the draft's name and data kept.
  const logAnother = (customer: TimelineCustomer) => {
    setDraft({ ...draft, customer: String(customer.id), customerCard: { ...customer, userId: null, company: null, lastSeen: null } });
    setTab('compose');
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.composer input')?.focus());
  };

  const key = settings.data?.key;
  const baseUrl = settings.data?.baseUrl;
  const openSettings = () => setSettingsOpen(true);
  // A view's code is fetched as the pointer or the focus reaches its tab, so a click rarely waits for it.
  const prefetch = (id: string) => () => void viewsByTab[id]?.load();
  return (
    <SaveAsContext.Provider value={setSaveSource}>
    <Tabs className="app" selectedKey={tab} onSelectionChange={setTab}>
      <header className="app-header">
        <h1>Event Desk</h1>
        {activeProfile && (
          <Button className="chip-button profile-chip" onPress={() => setSwitcherOpen(true)} aria-label={t('nav.switchAccount', { name: activeProfile.name, kind: activeProfile.production ? 'production' : 'other' })} aria-keyshortcuts={modKey === '⌘' ? 'Meta+Shift+A' : 'Control+Shift+A'} data-testid="profile-chip">
            <span className="profile-dot" style={{ background: activeProfile.colour }} aria-hidden="true" />
            {activeProfile.name}
            {activeProfile.production && <span className="badge bad">{t('account.production')}</span>}
          </Button>
        )}
        <TabList aria-label={t('nav.views')} className="view-tabs">
          <Tab id="compose" className="view-tab">
            {t('nav.compose')} <kbd className="shortcut">{modKey}+1</kbd>
          </Tab>
          <Tab id="history" className="view-tab" onHoverStart={prefetch('history')} onFocus={prefetch('history')}>
            {t('nav.history')} <kbd className="shortcut">{modKey}+2</kbd>
          </Tab>
          <Tab id="jobs" className="view-tab" onHoverStart={prefetch('jobs')} onFocus={prefetch('jobs')}>
            {t('nav.jobs')} <kbd className="shortcut">{modKey}+3</kbd>
          </Tab>
          <Tab id="library" className="view-tab" onHoverStart={prefetch('library')} onFocus={prefetch('library')}>
            {t('nav.library')} <kbd className="shortcut">{modKey}+4</kbd>
          </Tab>
          <Tab id="plan" className="view-tab" onHoverStart={prefetch('plan')} onFocus={prefetch('plan')}>
            {t('nav.plan')} <kbd className="shortcut">{modKey}+5</kbd>
          </Tab>
        </TabList>
        {baseUrl && baseUrl.source !== 'default' && (
          <span className="chip" title={t('app.apiBaseUrl')}>
            {new URL(baseUrl.value).host}
          </span>
        )}
        <span className="spacer" />
        {waiting > 0 && (
          <Button className="chip-button warn" onPress={() => setOutboxOpen(true)} data-testid="outbox-badge">
            {t('outbox.title')} <span className="count-badge">{waiting}</span>
          </Button>
        )}
        {key && (
          <Button className={`chip-button ${key.state === 'missing' || key.withheld ? 'warn' : ''}`} onPress={openSettings} aria-describedby="key-chip-hint">
            {key.state === 'missing' ? t('key.missing') : key.withheld ? t('key.withheld') : t('key.chip', { last4: key.last4, session: key.state === 'session' ? 'yes' : 'no' })}
          </Button>
        )}
        {key && (
          <span id="key-chip-hint" hidden>
            {t('nav.keyStatusHint')}
          </span>
        )}
        <Button className="button" onPress={openSettings} onHoverStart={() => void settingsDialog.load()} aria-keyshortcuts={`${modKey === '⌘' ? 'Meta' : 'Control'}+,`}>
          {t('nav.settings')} <kbd className="shortcut">{modKey}+,</kbd>
        </Button>
      </header>
      {activeProfile?.production && (
        <p className="production-banner" role="note" data-testid="production-banner">
          {t('account.productionBanner', { name: activeProfile.name })}
        </p>
      )}
      {!dismissed && (notices.data?.length ?? 0) > 0 && (
        <div className="notice warning banner" role="alert" data-testid="startup-notices">
          {notices.data!.map((notice) => (
            <p key={notice.code}>{noticeWords(notice).message}</p>
          ))}
          <Button className="button" onPress={() => setDismissed(true)}>
            {t('action.dismiss')}
          </Button>
        </div>
      )}
      <TabPanel id="compose" className="workspace">
        <div className="compose-side">
          <ToggleButtonGroup className="mode-switch" aria-label={t('nav.writeMode')} selectionMode="single" disallowEmptySelection selectedKeys={[quick.mode]} onSelectionChange={(keys) => quick.setMode([...keys][0] === 'form' ? 'form' : 'json')}>
            <ToggleButton id="form" className="mode-button">
              {t('nav.modeQuickLog')}
            </ToggleButton>
            <ToggleButton id="json" className="mode-button">
              JSON
            </ToggleButton>
          </ToggleButtonGroup>
          {quick.mode === 'form' ? (
            <QuickLog
              saved={saved.data ?? []}
              selectedId={quick.savedId}
              onSelect={quick.select}
              inputs={quick.inputs}
              onInputs={quick.setInputs}
              draft={draft}
              onDraftChange={setDraft}
              onOpenSettings={openSettings}
              onSendMany={setSendMany}
              hasKey={key !== undefined && key.state !== 'missing'}
            />
          ) : (
            <Composer draft={draft} onDraftChange={setDraft} onOpenSettings={openSettings} onSaveAs={saveAs} hasKey={key !== undefined && key.state !== 'missing'} />
          )}
        </div>
        <aside className="history-column" aria-labelledby="history-title">
          <h2 id="history-title">{t('nav.recentSends')}</h2>
          <HistoryList selectedId={selectedId} onSelect={setSelectedId} />
          {selectedId !== null && (
            <Suspense fallback={null}>
              <historyDetail.Component id={selectedId} baseUrl={baseUrl?.value ?? ''} onLoad={loadIntoComposer} onLogAnother={logAnother} onClose={() => setSelectedId(null)} />
            </Suspense>
          )}
        </aside>
      </TabPanel>
      <TabPanel id="history" className="history-panel">
        <Suspense fallback={<div className="history-view" aria-busy="true" />}>
          <historyView.Component
            onLoad={loadIntoComposer}
            onLogAnother={logAnother}
            baseUrl={baseUrl?.value ?? ''}
            onPlanned={(made) => {
              setPlan(made);
              setTab('jobs');
            }}
          />
        </Suspense>
      </TabPanel>
      <TabPanel id="jobs" className="jobs-panel">
        <Suspense fallback={<div className="jobs-view" aria-busy="true" />}>
          <jobsView.Component plan={plan} onPlan={setPlan} baseUrl={baseUrl?.value ?? ''} onLoad={loadIntoComposer} />
        </Suspense>
      </TabPanel>
      <TabPanel id="library" className="jobs-panel">
        <Suspense fallback={<div className="library-view" aria-busy="true" />}>
          <libraryView.Component onUse={useSaved} onEdit={(item) => setSaveSource({ existing: item, name: item.name, template: item.template, customer: item.defaultCustomer })} />
        </Suspense>
      </TabPanel>
      <TabPanel id="plan" className="jobs-panel">
        <Suspense fallback={<div className="plan-view" aria-busy="true" />}>
          <planView.Component />
        </Suspense>
      </TabPanel>
    </Tabs>
    {!recentSettled && <RecentSendsSettled onSettled={onRecentSettled} />}
    {/* Outside Tabs: React Aria renders a collection's children twice to build it, and a modal's portal would escape that hidden copy. */}
    <AppDialogs
      settings={{ isOpen: settingsOpen, onOpenChange: setSettingsOpen }}
      save={{ source: saveSource, onClose: () => setSaveSource(null), onSaved: (item) => quick.select(item.id) }}
      quickOpen={{ isOpen: quickOpen, saved: saved.data ?? [], onClose: () => setQuickOpen(false), onPick: useSaved }}
      switcher={{ isOpen: switcherOpen, onClose: () => setSwitcherOpen(false) }}
      outbox={{
        isOpen: outboxOpen,
        onClose: () => setOutboxOpen(false),
        onLoad: (item) => {
          setDraft({ name: item.event.name, customer: String(item.event.customer), data: JSON.stringify(item.event.data, null, 2), customerCard: null });
          quick.setMode('json');
          setTab('compose');
        },
      }}
      sendMany={{ saved: sendMany, inputs: quick.inputs, onClose: () => setSendMany(null), onPlanned: (made) => { setPlan(made); setTab('jobs'); } }}
    />
    </SaveAsContext.Provider>
  );
}
