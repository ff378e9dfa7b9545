// A worker for guard-race.test.ts: its own connection to the shared history file, sending the same
// event as the other workers at the same moment, round after round (a barrier starts each round).
import { parentPort, workerData } from 'node:worker_threads';
import { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { fingerprint } from '../../src/main/replay/fingerprint.ts';
import { openDatabase } from '../../src/main/storage/database.ts';

const { path, rounds, workers, index, barrier } = workerData as { path: string; rounds: number; workers: number; index: number; barrier: SharedArrayBuffer };
const arrivals = new Int32Array(barrier);
const db = openDatabase(path);
const history = new HistoryRepository(db);
const passed: number[] = [];
const refused: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  const event = { name: 'Race', customer: 7, data: { round } };
  const print = fingerprint(event);
  // Everyone arrives, then everyone sends: the guard sees its rivals at their closest.
  Atomics.add(arrivals, round, 1);
  while (Atomics.load(arrivals, round) < workers) Atomics.wait(arrivals, round, Atomics.load(arrivals, round), 5);
  const result = history.recordSending('default', event, Date.now(), `run-${index}`, null, print, false);
  if ('id' in result) passed.push(round);
  else refused.push(result.duplicateOf.state);
}
db.close();
// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads port, not a window
parentPort!.postMessage({ passed, refused });
