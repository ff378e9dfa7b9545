// One export in its own process, so its peak memory is its own: `node bench/export-child.ts <db> <out> streamed|naive`.
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../src/main/history/database.ts';
import { writeExport } from '../src/main/history/export-writer.ts';
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
  count = await writeExport({ path: outPath, format: 'json', filter: EMPTY_FILTER, entries: history.iterate('default', EMPTY_FILTER), exportedAt: new Date(), signal: new AbortController().signal, onProgress: () => {} });
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
