// Child process for the outbox crash test: drains the outbox against a server that never answers, until killed.
import { createCore } from '../../src/main/core/index.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const [userDataDir, url, key] = process.argv.slice(2) as [string, string, string];
const core = createCore({ userDataDir, apiBaseUrl: url, host: 'cli', secretStore: fixedKeyStore(key), requestsPerMinute: 100_000, requestTimeoutMs: 60_000 });
console.log('draining');
await core.activeScope().outbox.sendNow();
