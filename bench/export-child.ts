// One export in its own process, so its peak memory is its own: `node bench/export-child.ts <db> <out> streamed|naive`.
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../src/main/storage/database.ts';
import { systemClock } from '../src/main/clock.ts';
import { ExportService } from '../src/main/history/export-service.ts';
import { HistoryRepository } from '../src/main/history/history-repository.ts';
import { EMPTY_FILTER } from '../src/shared/history.ts';

const [dbPath, outPath, mode] = process.argv.slice(2) as [string, string, 'streamed' | 'naive'];
const history = new HistoryRepository(openDatabase(dbPath));
const baseline = process.memoryUsage().rss;
const started = performance.now();
let count = 0;
let failed: string | null = null;
try {
if (mode === 'streamed') {
  // The app's own export path: ExportService with the save dialog answered.
  const exporter = new ExportService({ history, profile: 'default', clock: systemClock, chooseSavePath: async () => outPath, progress: () => {} });
  count = (await exporter.export({ filter: EMPTY_FILTER, ids: null, format: 'json' }))!.count;
} else {
  // The obvious way: every row in memory, one JSON.stringify, one write.
  const entries = [...history.iterate('default', EMPTY_FILTER, null, 1_000_000)];
  count = entries.length;
  writeFileSync(outPath, JSON.stringify({ format: 'event-desk-history', version: 1, exportedAt: new Date().toISOString(), filter: EMPTY_FILTER, entries }));
}
} catch (error) {
  failed = `${(error as Error).name}: ${(error as Error).message}`;
}
const seconds = (performance.now() - started) / 1000;
const peakGrowth = process.resourceUsage().maxRSS * 1024 - baseline;
console.log(JSON.stringify({ count, seconds, peakGrowthMb: peakGrowth / 1024 / 1024, failed }));
