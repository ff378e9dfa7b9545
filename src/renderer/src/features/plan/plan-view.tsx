import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import type { DefinitionDraft, DefinitionSummary, EventActivity, PlanOverview } from '../../../../shared/plan-overview.ts';
import { usePlanActions, usePlanOverview } from '../../api/plan-hooks.ts';
import { useWorkspaceActions, useWorkspaceFolder } from '../../api/workspace-hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useFormat } from '../../format.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';
import { DefinitionDialog } from './definition-form.tsx';
import { Sparkline } from './sparkline.tsx';
import './plan-view.css';

/** Wraps a message's <code>…</code> part (the folder's path). */
const asCode = (chunks: ReactNode[]) => <code>{chunks}</code>;

/**
 * The tracking plan at a glance (Ctrl/Cmd+5): each defined event with its status, last send, sends
 * and violations over 30 days and a chart of them; broken files with their line; what is defined
 * but never sent and sent but not defined, where "Create from history" starts a definition.
 */
export function PlanView() {
  const t = useT();
  const overview = usePlanOverview();
  const actions = usePlanActions();
  const [draft, setDraft] = useState<DefinitionDraft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const data = overview.data;
  const propose = (name: string) => {
    setSaved(null);
    actions.propose.mutate(name, { onSuccess: setDraft });
  };
  const error = overview.error ?? actions.propose.error;

  return (
    <div className="plan-view" data-testid="plan-view">
      <div className="plan-head">
        <h2>{t('plan.title')}</h2>
        {data && (
          <p className="muted small" data-testid="plan-folder">
            <FormattedMessage id="plan.folder" values={{ dir: data.dir, code: asCode }} />
          </p>
        )}
        <WorkspaceFolderActions />
        {data?.onlyPlannedEvents && <p className="small">{t('plan.onlyPlanned')}</p>}
      </div>
      {saved && (
        <p className="notice success" role="status">
          {t('plan.saved', { file: saved })}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {data && data.problems.length > 0 && (
        <section className="notice warning plan-problems" aria-labelledby="plan-problems-title">
          <h3 id="plan-problems-title">{t('plan.problemsTitle', { count: data.problems.length })}</h3>
          <p className="small">{t('plan.problemsHelp')}</p>
          <ul>
            {data.problems.map((problem, index) => (
              <li key={`${problem.file}-${index}`}>
                <code>{problem.line === null ? problem.file : `${problem.file}:${problem.line}`}</code> {problem.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && (data.definitions.length === 0 ? <EmptyPlan dir={data.dir} /> : <EventTable data={data} />)}
      {data && (
        <div className="plan-lists">
          <section aria-labelledby="never-sent-title">
            <h3 id="never-sent-title">{t('plan.neverSentTitle')}</h3>
            {data.neverSent.length === 0 ? (
              <p className="muted small">{data.definitions.length === 0 ? t('plan.nothingPlanned') : t('plan.neverSentNone')}</p>
            ) : (
              <ul className="plan-names" aria-labelledby="never-sent-title">
                {data.neverSent.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="not-planned-title">
            <h3 id="not-planned-title">{t('plan.notPlannedTitle')}</h3>
            {data.notPlanned.length === 0 ? (
              <p className="muted small">{data.activity.length === 0 && data.definitions.length === 0 ? t('plan.nothingSent') : t('plan.notPlannedNone')}</p>
            ) : (
              <ul className="plan-names" aria-labelledby="not-planned-title">
                {data.notPlanned.map((name) => (
                  <li key={name}>
                    <span className="plan-name">{name}</span>
                    <Button className="button" onPress={() => propose(name)} isPending={actions.propose.isPending && actions.propose.variables === name} aria-label={t('plan.createFromHistoryFor', { name })}>
                      {t('plan.createFromHistory')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      <DefinitionDialog
        draft={draft}
        onClose={() => setDraft(null)}
        onSaved={(file) => {
          setDraft(null);
          setSaved(file);
        }}
      />
    </div>
  );
}

/** No definitions yet: what a plan is, and where its files go. */
function EmptyPlan({ dir }: { dir: string }) {
  const t = useT();
  return (
    <section className="plan-empty" aria-labelledby="plan-empty-title" data-testid="plan-empty">
      <h3 id="plan-empty-title">{t('plan.emptyTitle')}</h3>
      <p>{t('plan.emptyWhat')}</p>
      <p>
        <FormattedMessage id="plan.emptyWhere" values={{ dir, code: asCode }} />
      </p>
      <p>{t('plan.emptyStart')}</p>
    </section>
  );
}

function EventTable({ data }: { data: PlanOverview }) {
  const t = useT();
  const format = useFormat();
  const byName = new Map(data.activity.map((item) => [item.name, item]));
  return (
    <div className="plan-table-wrap">
      <table className="plan-table" data-testid="plan-table">
        <caption className="visually-hidden">{t('plan.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.event')}</th>
            <th scope="col">{t('plan.status')}</th>
            <th scope="col">{t('plan.enforcement')}</th>
            <th scope="col">{t('plan.lastSent')}</th>
            <th scope="col" className="number">{t('plan.sends30')}</th>
            <th scope="col">{t('plan.violations30')}</th>
            <th scope="col">{t('plan.chart30')}</th>
          </tr>
        </thead>
        <tbody>
          {data.definitions.map((definition) => {
            const activity = byName.get(definition.name);
            return (
              <tr key={definition.name}>
                <th scope="row">
                  <span className="plan-name">{definition.name}</span>
                  {definition.description && <span className="muted small block">{definition.description}</span>}
                  <span className="muted small block">
                    <code>{definition.file}</code>
                    {definition.owner && ` · ${t('plan.ownedBy', { owner: definition.owner })}`}
                  </span>
                </th>
                <td>
                  <span className={`badge ${statusTone(definition)}`}>{statusWords(t, definition.status)}</span>
                </td>
                <td>{definition.enforcement === 'block' ? t('plan.enforcementBlock') : t('plan.enforcementWarn')}</td>
                <td>{activity?.lastSent ? format.dateTime(activity.lastSent) : <span className="muted">{t('plan.never')}</span>}</td>
                <td className="number">{format.number(activity?.sends ?? 0)}</td>
                <td>{activity ? <Violations activity={activity} /> : null}</td>
                <td>
                  <Sparkline daily={activity?.daily ?? []} label={t('plan.chartLabel', { name: definition.name, count: activity?.sends ?? 0, most: Math.max(0, ...(activity?.daily ?? [0])) })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Violations({ activity }: { activity: EventActivity }) {
  const t = useT();
  if (activity.warned === 0 && activity.blocked === 0) return <span className="muted">{t('plan.noViolations')}</span>;
  return (
    <span className={activity.blocked > 0 ? 'plan-violations bad' : 'plan-violations'}>
      {activity.warned > 0 && <span className="block">{t('plan.warnedCount', { count: activity.warned, overridden: activity.overridden })}</span>}
      {activity.blocked > 0 && <span className="block">{t('plan.blockedCount', { count: activity.blocked })}</span>}
    </span>
  );
}

function statusWords(t: Translate, status: DefinitionSummary['status']): string {
  return status === 'active' ? t('plan.statusActive') : status === 'draft' ? t('plan.statusDraft') : t('plan.statusDeprecated');
}

function statusTone(definition: DefinitionSummary): string {
  return definition.status === 'active' ? 'ok' : definition.status === 'deprecated' ? 'bad' : 'busy';
}

/**
 * "Open workspace folder…" (main's own folder dialog) and, when a folder was chosen, "Use the default
 * folder". The plan, the composer's checks and this view follow the new folder without a restart.
 */
function WorkspaceFolderActions() {
  const t = useT();
  const words = useFailureWords();
  const folder = useWorkspaceFolder();
  const actions = useWorkspaceActions();
  const [switched, setSwitched] = useState<string | null>(null);
  const source = folder.data?.source;
  const failed = actions.choose.error ?? actions.backToDefault.error;
  const pending = actions.choose.isPending || actions.backToDefault.isPending;
  const done = (view: { dir: string } | null) => setSwitched(view === null ? null : view.dir);
  return (
    <div className="plan-folder-actions">
      <div className="plan-folder-buttons">
        <Button
          className="button"
          data-testid="plan-open-folder"
          isPending={actions.choose.isPending}
          isDisabled={pending}
          onPress={() => {
            setSwitched(null);
            actions.backToDefault.reset();
            actions.choose.mutate(undefined, { onSuccess: done });
          }}
        >
          {t('plan.openFolder')}
        </Button>
        {source === 'chosen' && (
          <Button
            className="button"
            data-testid="plan-default-folder"
            isPending={actions.backToDefault.isPending}
            isDisabled={pending}
            onPress={() => {
              setSwitched(null);
              actions.choose.reset();
              actions.backToDefault.mutate(undefined, { onSuccess: done });
            }}
          >
            {t('plan.useDefaultFolder')}
          </Button>
        )}
      </div>
      {source === 'chosen' && <p className="muted small">{t('plan.folderSourceChosen')}</p>}
      {source === 'launch' && <p className="muted small">{t('plan.folderSourceLaunch')}</p>}
      {switched !== null && (
        <p className="notice success plan-folder-status" role="status">
          {t('plan.folderSwitched', { dir: switched })}
        </p>
      )}
      {failed && (
        <p className="notice error" role="alert">
          {words(failed).message} {words(failed).hint}
        </p>
      )}
    </div>
  );
}
