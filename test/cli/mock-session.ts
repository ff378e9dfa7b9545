import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { KeytarSecretStore } from '../../src/main/secrets/keytar-store.ts';
import { makeCustomers, type MockCustomer } from '../../tools/mock-api/customers.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { runCli, type CliResult } from '../support/cli-process.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

export interface MockCliSession {
  readonly mock: MockServer;
  readonly env: Record<string, string>;
  /** A fresh temp folder, removed after the test. */
  temp(): string;
  cli(args: string[], input?: string): Promise<CliResult>;
  /** Saves the mock's key in this test's keychain entry. */
  setKey(): Promise<CliResult>;
  /** What the mock stored as events. */
  events(): { name: string; customer: number; data: Record<string, unknown> }[];
}

/**
 * `event-desk` subprocesses against one mock per test file, each test with its own user-data
 * folder and keychain entry (removed afterwards). `customers` adjusts the mock's customers.
 */
export function mockCliSession(prefix: string, customers: (list: MockCustomer[]) => MockCustomer[] = (list) => list): MockCliSession {
  const temp = tempFoldersFor(prefix);
  let mock: MockServer | undefined;
  let env: Record<string, string> = {};
  let service = '';
  beforeAll(async () => {
    mock = await startMockServer({ customers: customers(makeCustomers()), rateLimitPerMinute: 100_000 });
  });
  afterAll(() => mock?.close());
  beforeEach(() => {
    mock!.reset();
    service = `Event Desk ${prefix} ${randomUUID()}`;
    env = { EVENT_DESK_USER_DATA: temp(), HELPCRUNCH_API_URL: mock!.url, EVENT_DESK_KEYCHAIN_SERVICE: service };
  });
  afterEach(async () => {
    await new KeytarSecretStore(service).delete('profile:default');
  });
  const session: MockCliSession = {
    get mock() {
      return mock!;
    },
    get env() {
      return env;
    },
    temp,
    cli: (args, input) => runCli(args, { env, ...(input === undefined ? {} : { input }) }),
    setKey: () => session.cli(['key', 'set'], `${mock!.apiKey}\n`),
    events: () => mock!.received.filter((request) => request.path === '/v1/events').map((request) => request.body as { name: string; customer: number; data: Record<string, unknown> }),
  };
  return session;
}

/** No stack trace in what a person reads. */
export const STACK_TRACE = /\n\s+at /;
