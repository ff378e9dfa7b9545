// Child process for the crash test: sends one event through the real services against a mock that
// never answers, and waits to be killed.
import { dirname } from 'node:path';
import { createServices } from '../../src/main/services.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const [path, url, key] = process.argv.slice(2) as [string, string, string];
const services = createServices({
  userDataDir: dirname(path),
  env: { HELPCRUNCH_API_URL: url },
  secretStore: fixedKeyStore(key),
  emit: () => {},
  timeoutMs: 60_000,
});
await services.handlers['events:send']({ name: 'Call made', customer: 1001, data: { minutes: 5 } });
