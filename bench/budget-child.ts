// One process of the shared-budget benchmark: the core (as the app or a CLI run builds it) sending
// `count` events through the profile's shared budget. Prints how many it sent and how many were 429.
import { createCore } from '../src/main/core/index.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

const [userDataDir, url, key, count, perMinute, tag] = process.argv.slice(2) as [string, string, string, string, string, string];
const core = createCore({
  userDataDir,
  apiBaseUrl: url,
  host: 'cli',
  secretStore: fixedKeyStore(key),
  requestsPerMinute: Number(perMinute),
});
let sent = 0;
for (let i = 0; i < Number(count); i += 1) {
  // Each process sends its own events: identical ones would be refused by the duplicate guard.
  const entry = await core.activeScope().sender.send({ name: 'Budget bench', customer: 1001, data: { process: tag, i } }, { priority: 'batch' });
  if (entry.outcome === 'sent') sent += 1;
}
core.close();
console.log(JSON.stringify({ sent }));
