import { EMPTY_FILTER } from '../../shared/history.ts';
import { ok } from '../../shared/result.ts';
import type { Core } from '../core.ts';
import { Failure } from '../failure.ts';
import { savedEventSource } from '../library/saved-source.ts';
import { writeAtomically } from '../storage/atomic-file.ts';
import type { SendResult } from '../outbox/outbox-service.ts';
import type { Handlers } from './dispatch.ts';

function asSendResult(result: SendResult) {
  return { ...result.entry, outboxId: result.outboxId };
}

/**
 * The table of what each channel does: a thin adapter from parsed input to a core service. No
 * business logic here; failures are thrown as Failure and dispatch turns them into Results.
 */
export function createIpcHandlers(core: Core): Handlers {
  // Read the core at each call, never destructured once: the per-profile services are the active profile's.
  const { history, notices } = core;
  return {
    'settings:get': async () => ok(await core.settings.view()),
    'settings:setBaseUrl': async ({ baseUrl }) => ok(await core.settings.setBaseUrl(baseUrl)),
    'settings:setRetention': async ({ days }) => ok(await core.settings.setRetention(days)),
    'key:set': async ({ key, sessionOnly }) => ok(await core.settings.setKey(key, sessionOnly)),
    'key:remove': async () => ok(await core.settings.removeKey()),
    'key:test': async () => ok(await core.settings.testConnection()),
    'events:send': async (event) => ok(asSendResult(await core.outbox.sendOrQueue(event))),
    'events:sendAgain': async (event) => ok(asSendResult(await core.outbox.sendOrQueue(event, { allowDuplicate: true }))),
    'profiles:list': async () => ok(core.profiles.view()),
    'profiles:create': async ({ draft }) => ok(core.profiles.create(draft)),
    'profiles:update': async ({ id, draft }) => ok(core.profiles.update(id, draft)),
    'profiles:delete': async ({ id }) => {
      await core.profiles.delete(id);
      return ok(true);
    },
    'profiles:use': async ({ id }) => ok(core.profiles.use(id)),
    'profiles:exportHistory': async ({ id }) => ok(await core.context(id).exports.export({ filter: EMPTY_FILTER, ids: null, format: 'json' })),
    'outbox:list': async () => ok(core.outbox.list()),
    'outbox:sendNow': async () => ok(await core.outbox.sendNow()),
    'outbox:update': async ({ id, event }) => ok(core.outbox.update(id, event)),
    'outbox:remove': async ({ id }) => {
      core.outbox.remove(id);
      return ok(true);
    },
    'outbox:undoRemove': async ({ id }) => ok(core.outbox.undoRemove(id)),
    'outbox:resolveUnknown': async ({ id, decision }) => {
      core.outbox.resolveUnknown(id, decision);
      return ok(true);
    },
    'jobs:list': async () => ok(core.replay.list()),
    'jobs:get': async ({ id }) => ok(core.replay.get(id)),
    'jobs:items': async ({ id, afterSeq, limit, state }) => ok(core.replay.items(id, afterSeq, limit, state)),
    'jobs:planFile': async ({ sendDuplicates, ratePerMinute }) => {
      const path = await core.chooseOpenPath();
      return ok(path === null ? null : await core.replay.planFile(path, { sendDuplicates, ratePerMinute }));
    },
    'jobs:planHistory': async ({ ids, filter, sendDuplicates, ratePerMinute }) => {
      if (ids === null && filter === null) throw new Failure('invalid_input', 'Choose history entries or a filter to core.replay.');
      return ok(await core.replay.planHistory(ids !== null ? { ids } : { filter: filter! }, { sendDuplicates, ratePerMinute }));
    },
    'jobs:start': async ({ id }) => {
      core.replay.start(id);
      return ok(core.replay.get(id));
    },
    'jobs:pause': async ({ id }) => ok(await core.replay.pause(id)),
    'jobs:cancel': async ({ id }) => ok(await core.replay.cancel(id)),
    'jobs:discard': async ({ id }) => {
      core.replay.discard(id);
      return ok(true);
    },
    'jobs:retry': async ({ id, which }) => ok(core.replay.retry(id, which)),
    'jobs:resolveUnknown': async ({ id, seqs, decision }) => ok(core.replay.resolveUnknown(id, seqs, decision)),
    'saved:list': async () => ok(core.library.list()),
    'saved:create': async ({ draft }) => ok(core.library.create(draft)),
    'saved:update': async ({ id, draft }) => ok(core.library.update(id, draft)),
    'saved:duplicate': async ({ id }) => ok(core.library.duplicate(id)),
    'saved:delete': async ({ id }) => {
      core.library.delete(id);
      return ok(true);
    },
    'saved:undoDelete': async ({ id }) => ok(core.library.undoDelete(id)),
    'saved:send': async ({ id, customer, inputs, again }) => {
      const { event } = await core.library.resolve(id, customer, inputs);
      return ok(asSendResult(await core.outbox.sendOrQueue(event, { allowDuplicate: again, savedEventId: id })));
    },
    'saved:sendMany': async ({ id, customers: ids, inputs, sendDuplicates }) => ok(await core.replay.planSource(savedEventSource(core.library, id, ids, inputs), { sendDuplicates, ratePerMinute: null })),
    'saved:export': async () => {
      const path = await core.chooseSavePath('event-desk-library.json');
      if (path === null) return ok(null);
      return ok({ path, count: await writeAtomically(path, (stream) => core.library.exportTo(stream)) });
    },
    'saved:import': async ({ onConflict }) => {
      const path = await core.chooseOpenPath();
      return ok(path === null ? null : await core.library.importFile(path, onConflict));
    },
    'history:shape': async ({ name }) => ok(core.shapes.shape(core.profile, name)),
    'jobs:export': async ({ id, format }) => {
      const job = core.replay.get(id);
      const path = await core.chooseSavePath(`event-desk-job-${job.id}-results.${format}`);
      return ok(path === null ? null : { path, count: await core.replay.exportResults(id, format, { path }) });
    },
    'history:list': async ({ limit, beforeId, filter }) => ok(history.page(limit, beforeId, core.profile, filter ?? null)),
    'history:count': async ({ filter }) => ok(history.count(core.profile, filter)),
    'history:eventNames': async () => ok(history.eventNames(core.profile)),
    'history:delete': async ({ ids }) => ok(history.delete(core.profile, ids)),
    'history:clear': async ({ filter }) => ok(history.deleteMatching(core.profile, filter)),
    'history:export': async (request) => ok(await core.exports.export(request)),
    'history:cancelExport': async () => ok(core.exports.cancel()),
    'history:get': async ({ id }) => {
      const entry = history.get(id);
      if (!entry || entry.profile !== core.profile) throw new Failure('not_found', `History entry ${id} does not exist.`);
      return ok(entry);
    },
    'app:notices': async () => ok(notices.splice(0)),
    'customers:search': async ({ query }) => ok(await core.customers.search(query)),
    'customers:recent': async () => ok(core.customers.recent()),
    'customers:remember': async ({ id }) => ok(core.customers.remember(id)),
  };
}
