import { EMPTY_FILTER } from '../../shared/history.ts';
import { ok } from '../../shared/result.ts';
import { checkSavedDraft, confirmOrigin, Failure, SavedDraftBlockedError, savedEventSource, summarizeDefinition, writeAtomically, type Core, type OriginSubject, type Scope, type SendResult } from '../core/index.ts';
import { scopePerCall, type Handlers, type ScopedHandlers } from './dispatch.ts';

function asSendResult(result: SendResult) {
  return { ...result.entry, outboxId: result.outboxId };
}

/**
 * The table of what each channel does: a thin adapter from parsed input to a core service. No
 * business logic here; failures are thrown as Failure and dispatch turns them into Results. Each
 * call gets the scope of the account active when it started and uses nothing else.
 */
export function createIpcHandlers(core: Core): Handlers {
  return scopePerCall(scopedHandlers(core), () => core.activeScope());
}

function scopedHandlers(core: Core): ScopedHandlers<Scope> {
  const { history, notices } = core;
  // Work made for another origin is sent there only after main's own dialog says yes.
  const askOrigin = (scope: Scope, what: string, subject?: OriginSubject) => (change: { madeFor: string; now: string }) =>
    core.confirmOriginChange({ ...change, account: scope.account().name, what, ...(subject ? { subject } : {}) });
  // A saved event the plan would block at every send is not kept (docs/tracking-plan.md).
  const checkDraft = (draft: Parameters<typeof checkSavedDraft>[0]) => checkSavedDraft(draft, (event) => core.plan.checker.check(event));
  const refuseBlockedDraft = async (draft: Parameters<typeof checkSavedDraft>[0]) => {
    const check = await checkDraft(draft);
    if (check.verdict === 'block') throw new SavedDraftBlockedError(draft.name, check.violations);
  };
  // After a library edit the workspace's file follows (the app's sync), then the row is read again.
  const synced = async (scope: Scope, id: number) => {
    await core.savedFiles?.sync();
    return scope.library.get(id);
  };
  return {
    'settings:get': async (_input, scope) => ok(await scope.settings.view()),
    'settings:setBaseUrl': async ({ baseUrl }, scope) => ok(await scope.settings.setBaseUrl(baseUrl)),
    'settings:setRetention': async ({ days }, scope) => ok(await scope.settings.setRetention(days)),
    'key:set': async ({ key, sessionOnly }, scope) => ok(await scope.settings.setKey(key, sessionOnly)),
    'key:remove': async (_input, scope) => ok(await scope.settings.removeKey()),
    'key:test': async (_input, scope) => ok(await scope.settings.testConnection()),
    'events:send': async (event, scope) => ok(asSendResult(await scope.outbox.sendOrQueue(event))),
    'events:sendAgain': async (event, scope) => ok(asSendResult(await scope.outbox.sendOrQueue(event, { allowDuplicate: true }))),
    'profiles:list': async () => ok(core.profiles.view()),
    'profiles:create': async ({ draft }) => ok(core.profiles.create(draft)),
    'profiles:update': async ({ id, draft }) => ok(core.profiles.update(id, draft)),
    'profiles:delete': async ({ id }) => {
      await core.profiles.delete(id);
      return ok(true);
    },
    'profiles:use': async ({ id }) => ok(core.profiles.use(id)),
    'profiles:exportHistory': async ({ id }) => ok(await core.scope(id).exports.export({ filter: EMPTY_FILTER, ids: null, format: 'json' })),
    'outbox:list': async (_input, scope) => ok(scope.origins.describe(scope.outbox.list())),
    'outbox:sendNow': async (_input, scope) => {
      // "Send now" is the user's explicit action: items made for another origin are asked about here.
      const elsewhere = scope.origins.outboxElsewhere();
      const first = elsewhere[0];
      if (first) {
        const change = { madeFor: first.origin!, now: scope.origins.current() };
        const what = `${elsewhere.length === 1 ? 'An outbox item' : `${elsewhere.length} outbox items`}`;
        if (await askOrigin(scope, what, { kind: 'outbox', count: elsewhere.length })(change)) scope.origins.retargetOutbox(elsewhere.map((item) => item.id));
      }
      return ok(await scope.outbox.sendNow());
    },
    'outbox:update': async ({ id, event }, scope) => ok(scope.outbox.update(id, event)),
    'outbox:remove': async ({ id }, scope) => {
      scope.outbox.remove(id);
      return ok(true);
    },
    'outbox:undoRemove': async ({ id }, scope) => ok(scope.outbox.undoRemove(id)),
    'outbox:resolveUnknown': async ({ id, decision }, scope) => {
      scope.outbox.resolveUnknown(id, decision);
      return ok(true);
    },
    'jobs:list': async (_input, scope) => ok(scope.replay.list()),
    'jobs:get': async ({ id }, scope) => ok(scope.replay.get(id)),
    'jobs:items': async ({ id, afterSeq, limit, state }, scope) => ok(scope.replay.items(id, afterSeq, limit, state)),
    'jobs:planFile': async ({ sendDuplicates, ratePerMinute, retryMaybeLanded }, scope) => {
      const path = await core.chooseOpenPath();
      return ok(path === null ? null : await scope.replay.planFile(path, { sendDuplicates, ratePerMinute, retryMaybeLanded }));
    },
    'jobs:planHistory': async ({ ids, filter, sendDuplicates, ratePerMinute, retryMaybeLanded }, scope) => {
      if (ids === null && filter === null) throw new Failure('invalid_input', 'Choose history entries or a filter to replay.');
      return ok(await scope.replay.planHistory(ids !== null ? { ids } : { filter: filter! }, { sendDuplicates, ratePerMinute, retryMaybeLanded }));
    },
    'jobs:start': async ({ id, takeOver }, scope) => {
      scope.replay.get(id); // only a job of this profile
      await confirmOrigin(scope.origins.job(id), askOrigin(scope, `Job ${id}`, { kind: 'job', id }), `Job ${id}`, () => scope.origins.retargetJob(id));
      scope.replay.start(id, { takeOver: takeOver === true });
      return ok(scope.replay.get(id));
    },
    'jobs:pause': async ({ id }, scope) => ok(await scope.replay.pause(id)),
    'jobs:cancel': async ({ id }, scope) => ok(await scope.replay.cancel(id)),
    'jobs:discard': async ({ id }, scope) => {
      scope.replay.discard(id);
      return ok(true);
    },
    'jobs:retry': async ({ id, which }, scope) => ok(scope.replay.retry(id, which)),
    'jobs:resolveUnknown': async ({ id, seqs, decision }, scope) => ok(scope.replay.resolveUnknown(id, seqs, decision)),
    'saved:list': async (_input, scope) => {
      await core.savedFiles?.settled();
      return ok(scope.library.list());
    },
    // Checked against the plan before it is kept; a workspace event's file is written by the sync after.
    'saved:create': async ({ draft }, scope) => {
      await refuseBlockedDraft(draft);
      return ok(await synced(scope, scope.library.create(draft).id));
    },
    'saved:update': async ({ id, draft }, scope) => {
      await refuseBlockedDraft(draft);
      return ok(await synced(scope, scope.library.update(id, draft).id));
    },
    'saved:duplicate': async ({ id }, scope) => ok(scope.library.duplicate(id)),
    'saved:delete': async ({ id }, scope) => {
      scope.library.delete(id);
      await core.savedFiles?.sync();
      return ok(true);
    },
    'saved:undoDelete': async ({ id }, scope) => ok(await synced(scope, scope.library.undoDelete(id).id)),
    'saved:share': async ({ id }, scope) => {
      const event = scope.library.get(id);
      if (!core.savedFiles) throw new Failure('invalid_input', 'Saved events can be moved into the workspace folder in the app only.');
      if (event.accounts.length > 0) throw new Failure('invalid_input', 'This saved event is limited to some accounts: a workspace file is shared with everyone who uses the folder, so remove the limit first.');
      if (event.file === null) await core.savedFiles.share(id);
      return ok(scope.library.get(id));
    },
    // The customer lookup may take 15 s; the send after it still goes to this call's account.
    'saved:send': async ({ id, customer, inputs, again, againstPlan }, scope) => {
      const { event } = await scope.library.resolve(id, customer, inputs);
      // The plan is asked again inside the send (a block still refuses); `againstPlan` only records that the person confirmed a warning.
      return ok(asSendResult(await scope.outbox.sendOrQueue(event, { allowDuplicate: again, savedEventId: id, ...(againstPlan === true ? { againstPlan: true } : {}) })));
    },
    // The event exactly as a send would resolve it from the stored template (never the window's copy), checked, not sent.
    'saved:checkDraft': async ({ draft }) => ok(await checkDraft(draft)),
    'saved:check': async ({ id, customer, inputs }, scope) => {
      const { event } = await scope.library.resolve(id, customer, inputs);
      return ok(await core.plan.checker.check(event));
    },
    'saved:sendMany': async ({ id, customers: ids, inputs, sendDuplicates }, scope) => ok(await scope.replay.planSource(savedEventSource(scope.library, id, ids, inputs), { sendDuplicates, ratePerMinute: null })),
    'saved:export': async (_input, scope) => {
      const path = await core.chooseSavePath('event-desk-library.json');
      if (path === null) return ok(null);
      return ok({ path, count: await writeAtomically(path, (stream) => scope.library.exportTo(stream)) });
    },
    'saved:import': async ({ onConflict }, scope) => {
      const path = await core.chooseOpenPath();
      return ok(path === null ? null : await scope.library.importFile(path, onConflict));
    },
    'history:shape': async ({ name }, scope) => ok(core.shapes.shape(scope.profile, name)),
    'jobs:export': async ({ id, format }, scope) => {
      const job = scope.replay.get(id);
      const path = await core.chooseSavePath(`event-desk-job-${job.id}-results.${format}`);
      return ok(path === null ? null : { path, count: await scope.replay.exportResults(id, format, { path }) });
    },
    'history:list': async ({ limit, beforeId, filter }, scope) => ok(history.page(limit, beforeId, scope.profile, filter ?? null)),
    'history:count': async ({ filter }, scope) => ok(history.count(scope.profile, filter)),
    'history:eventNames': async (_input, scope) => ok(history.eventNames(scope.profile)),
    'history:delete': async ({ ids }, scope) => ok(history.delete(scope.profile, ids)),
    'history:clear': async ({ filter }, scope) => ok(history.deleteMatching(scope.profile, filter)),
    'history:export': async (request, scope) => ok(await scope.exports.export(request)),
    'history:cancelExport': async (_input, scope) => ok(scope.exports.cancel()),
    'history:get': async ({ id }, scope) => {
      const entry = history.get(id);
      if (!entry || entry.profile !== scope.profile) throw new Failure('not_found', `History entry ${id} does not exist.`, { reason: 'history', params: { id } });
      return ok(entry);
    },
    'app:notices': async () => ok(notices.splice(0)),
    'app:language': async () => ok(core.language.view()),
    'app:setLanguage': async ({ locale }) => ok(core.language.choose(locale)),
    'app:updates': async () => ok(core.updates.view()),
    'app:setUpdateChecks': async ({ enabled }) => ok(core.updates.setChecksEnabled(enabled)),
    'app:checkForUpdates': async () => ok(await core.updates.check()),
    'app:installUpdate': async () => ok(await core.updates.install()),
    'app:openedFile': async () => {
      const name = core.openedFile.name();
      return ok(name === null ? null : { name });
    },
    'jobs:planOpened': async ({ sendDuplicates, ratePerMinute, retryMaybeLanded }, scope) => {
      const path = core.openedFile.take();
      return ok(path === null ? null : await scope.replay.planFile(path, { sendDuplicates, ratePerMinute, retryMaybeLanded }));
    },
    'customers:search': async ({ query }, scope) => ok(await scope.customers.search(query)),
    'customers:recent': async (_input, scope) => ok(scope.customers.recent()),
    'customers:remember': async ({ id }, scope) => ok(scope.customers.remember(id)),
    'events:sendAgainstPlan': async ({ event, again }, scope) => ok(asSendResult(await scope.outbox.sendOrQueue(event, { allowDuplicate: again, againstPlan: true }))),
    'plan:overview': async (_input, scope) => {
      const overview = await core.plan.overview.overview(scope.profile);
      // saved/ files that are broken or that the library could not take are listed with the plan's own.
      await core.savedFiles?.settled();
      return ok({ ...overview, problems: [...overview.problems, ...(core.savedFiles?.problems() ?? [])] });
    },
    'plan:check': async (event) => ok(await core.plan.checker.check(event)),
    'plan:propose': async ({ name }, scope) => ok(core.plan.proposer.propose(scope.profile, name)),
    'plan:saveDefinition': async ({ definition }) => {
      // Create-only, as the CLI's `plan from-history --write`: the window may add a definition, never
      // replace one (a compromised page or a mistyped name would otherwise turn a team's block into a pass).
      const name = definition.name.trim();
      if ((await core.plan.workspace.load()).definitions.has(name)) {
        throw new Failure('name_taken', `"${name}" is defined in the tracking plan already: edit its file in the workspace folder instead.`, { reason: 'definition', params: { name } });
      }
      const file = await core.plan.workspace.write(definition);
      // The next check reads the new file at once, not after the checker's one-second look.
      await core.plan.checker.reload();
      return ok({ file });
    },
    'plan:workspace': async () => ok(core.workspaceFolders.view()),
    // The path comes from main's own dialog, never from the window.
    'plan:chooseWorkspace': async () => ok(await core.workspaceFolders.choose()),
    'plan:resetWorkspace': async () => ok(await core.workspaceFolders.useDefault()),
    'plan:definition': async ({ name }) => {
      const loaded = (await core.plan.checker.plan()).definitions.get(name.trim());
      return ok(loaded ? summarizeDefinition(loaded.definition) : null);
    },
    'plan:definitionNames': async () => ok([...(await core.plan.checker.plan()).definitions.keys()].toSorted((a, b) => a.localeCompare(b)).slice(0, 5000)),
    'plan:mark': async ({ id }, scope) => {
      const entry = history.get(id);
      if (!entry || entry.profile !== scope.profile) throw new Failure('not_found', `History entry ${id} does not exist.`);
      return ok(core.plan.marks.get(id));
    },
  };
}
