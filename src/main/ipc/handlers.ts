import { fail, ok } from '../../shared/result.ts';
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
  clock: Clock;
}

/** The table of what each channel does; registered on ipcMain in the app and on a bridge in e2e. */
export function createHandlers(services: HandlerServices): Handlers {
  const { keys, settings, client, history, sender, profile, customers, recent, clock } = services;

  async function currentSettings(): Promise<Settings> {
    const status = await keys.status();
    return { profile, baseUrl: settings.baseUrl(), key: status.key, keychainProblem: status.problem };
  }

  return {
    'settings:get': async () => ok(await currentSettings()),
    'settings:setBaseUrl': async ({ baseUrl }) => {
      settings.setBaseUrl(baseUrl);
      return ok(await currentSettings());
    },
    'key:set': async ({ key, sessionOnly }) => {
      try {
        await keys.set(key, sessionOnly);
      } catch (error) {
        if (error instanceof KeychainError) return fail(error.problem.code, error.problem.message, { hint: error.problem.hint });
        throw error;
      }
      return ok(await currentSettings());
    },
    'key:remove': async () => {
      try {
        await keys.remove();
      } catch (error) {
        if (error instanceof KeychainError) return fail(error.problem.code, error.problem.message, { hint: error.problem.hint });
        throw error;
      }
      return ok(await currentSettings());
    },
    'key:test': async () => ok(await testConnection(client)),
    'events:send': async (event) => {
      try {
        return ok(await sender.send(event));
      } catch (error) {
        if (error instanceof HistoryWriteError) return fail('history_write_failed', error.message);
        throw error;
      }
    },
    'history:list': async ({ limit, beforeId }) => ok(history.page(limit, beforeId)),
    'history:get': async ({ id }) => {
      const entry = history.get(id);
      return entry ? ok(entry) : fail('not_found', `History entry ${id} does not exist.`);
    },
    'customers:search': ({ query }) => customers.search(query),
    'customers:recent': async () => ok(recent.list(profile)),
    'customers:remember': async ({ customer }) => {
      recent.remember(profile, customer, clock.now());
      return ok(recent.list(profile));
    },
  };
}
