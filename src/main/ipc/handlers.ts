import { fail, ok, type AppError, type Result } from '../../shared/result.ts';
import { ExportError } from '../history/export-writer.ts';
import type { ExportService } from '../history/export-service.ts';
import type { Settings } from '../../shared/settings.ts';
import type { Clock } from '../clock.ts';
import type { CustomerService } from '../customers/customer-service.ts';
import type { RecentCustomers } from '../customers/recent-customers.ts';
import type { HelpCrunchClient } from '../helpcrunch/client.ts';
import { testConnection } from '../helpcrunch/connection-test.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import { KeychainError, type KeyService } from '../secrets/key-service.ts';
import { HistoryWriteError, type SendService } from '../sending/send-service.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Handlers } from './dispatch.ts';

export interface HandlerServices {
  profile: string;
  keys: KeyService;
  settings: SettingsStore;
  client: HelpCrunchClient;
  history: HistoryRepository;
  sender: SendService;
  customers: CustomerService;
  recent: RecentCustomers;
  exports: ExportService;
  clock: Clock;
  /** Things the user must be told once after startup (history recovered, entries expired). */
  notices: AppError[];
}

/** The table of what each channel does; registered on ipcMain in the app and on a bridge in e2e. */
export function createHandlers(services: HandlerServices): Handlers {
  const { keys, settings, client, history, sender, profile, customers, recent, exports, clock, notices } = services;

  async function currentSettings(): Promise<Settings> {
    const status = await keys.status();
    return { profile, baseUrl: settings.baseUrl(), key: status.key, keychainProblem: status.problem, retentionDays: settings.retentionDays() };
  }

  /** Runs a keychain change; a refusal comes back as the keychain's problem and its fix. */
  async function changeKey(change: () => Promise<void>): Promise<Result<Settings>> {
    try {
      await change();
    } catch (error) {
      if (error instanceof KeychainError) return fail(error.problem.code, error.problem.message, { hint: error.problem.hint });
      throw error;
    }
    return ok(await currentSettings());
  }

  return {
    'settings:get': async () => ok(await currentSettings()),
    'settings:setBaseUrl': async ({ baseUrl }) => {
      settings.setBaseUrl(baseUrl);
      return ok(await currentSettings());
    },
    'key:set': ({ key, sessionOnly }) => changeKey(() => keys.set(key, sessionOnly)),
    'key:remove': () => changeKey(() => keys.remove()),
    'key:test': async () => ok(await testConnection(client)),
    'events:send': async (event) => {
      try {
        return ok(await sender.send(event));
      } catch (error) {
        if (error instanceof HistoryWriteError) return fail('history_write_failed', error.message);
        throw error;
      }
    },
    'history:list': async ({ limit, beforeId, filter }) => ok(history.page(limit, beforeId, profile, filter ?? null)),
    'history:count': async ({ filter }) => ok(history.count(profile, filter)),
    'history:eventNames': async () => ok(history.eventNames(profile)),
    'history:delete': async ({ ids }) => ok(history.delete(profile, ids)),
    'history:clear': async ({ filter }) => ok(history.deleteMatching(profile, filter)),
    'history:export': async (request) => {
      try {
        return ok(await exports.export(request));
      } catch (error) {
        if (error instanceof ExportError) return fail(error.code, error.message);
        throw error;
      }
    },
    'history:cancelExport': async () => ok(exports.cancel()),
    'app:notices': async () => ok(notices.splice(0)),
    'settings:setRetention': async ({ days }) => {
      settings.setRetentionDays(days);
      return ok(await currentSettings());
    },
    'history:get': async ({ id }) => {
      const entry = history.get(id);
      return entry ? ok(entry) : fail('not_found', `History entry ${id} does not exist.`);
    },
    'customers:search': ({ query }) => customers.search(query),
    'customers:recent': async () => ok(recent.list(profile)),
    'customers:remember': async ({ customer }) => {
      recent.remember(profile, customer, clock.now());
      history.rememberCustomers(profile, [customer]);
      return ok(recent.list(profile));
    },
  };
}
