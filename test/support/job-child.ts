// Child process for the crash test: plans a job from a file and runs it until it is killed.
import { createCore } from '../../src/main/core/index.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const [userDataDir, url, key, file, rate] = process.argv.slice(2) as [string, string, string, string, string];
const core = createCore({
  userDataDir,
  apiBaseUrl: url,
  host: 'cli',
  secretStore: fixedKeyStore(key),
  requestsPerMinute: Number(rate),
});
const plan = await core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
console.log(JSON.stringify({ jobId: plan.job.id }));
await core.activeScope().replay.start(plan.job.id).finished;
