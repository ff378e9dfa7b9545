import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { csvRecords } from './csv-source.ts';
import { jsonRecords } from './json-source.ts';
import { ndjsonBatches } from './ndjson-source.ts';
import { eachRecord, SourceError, type Source } from './source.ts';

/**
 * Opens a replay file, deciding its format from its first bytes (and the .csv extension):
 * `[` a JSON array; `{` on a first line that is a whole JSON object, NDJSON; `{` otherwise,
 * Event Desk's JSON export document; anything else with a header row, CSV.
 */
export async function openFileSource(path: string): Promise<Source> {
  let head: Buffer;
  let size: number;
  try {
    // Checked before opening: opening a FIFO waits for a writer, and a device never ends.
    refuseIfNotRegular(path, await stat(path));
    // O_NONBLOCK: if a FIFO is swapped in after the check, opening it still does not wait.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      refuseIfNotRegular(path, info);
      size = info.size;
      head = Buffer.alloc(Math.min(size, 64 * 1024));
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const code = (error as { code?: string }).code;
    throw new SourceError(code === 'ENOENT' ? `There is no file ${path}.` : code === 'EACCES' ? `Event Desk may not read ${path} (permission denied).` : `${path} cannot be read (${(error as Error).message}).`);
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = head.subarray(bom).toString('utf8');
  const first = text.trimStart()[0];
  if (size - bom === 0 || first === undefined) throw new SourceError(`${basename(path)} is empty: there is nothing to replay.`);
  const name = basename(path);
  if (extname(path).toLowerCase() === '.csv') return { unit: 'row', label: `${name} (CSV)`, records: csvRecords(path) };
  if (first === '[') return { unit: 'item', label: `${name} (JSON array)`, records: jsonRecords(path, 'array', bom) };
  if (first === '{') {
    // Event Desk's JSON export starts with its header, on one line or pretty-printed.
    if (/^\s*\{\s*"format"\s*:\s*"event-desk-history"/.test(text)) return { unit: 'item', label: `${name} (Event Desk export)`, records: jsonRecords(path, 'export', bom) };
    const body = text.trimStart();
    const newline = body.indexOf('\n');
    // A first line longer than what was read is a long NDJSON line (reported as such if too long).
    if (newline === -1 && body.length >= head.length - bom - 1) return ndjsonSource(path, name);
    if (isJsonObject(newline === -1 ? body : body.slice(0, newline))) return ndjsonSource(path, name);
    if (/"entries"\s*:/.test(text)) return { unit: 'item', label: `${name} (Event Desk export)`, records: jsonRecords(path, 'export', bom) };
    throw new SourceError(`${name} starts with a JSON object spread over several lines, which is neither NDJSON (one object per line) nor Event Desk's export (with "entries").`);
  }
  return { unit: 'row', label: `${name} (CSV)`, records: csvRecords(path) };
}

function ndjsonSource(path: string, name: string): Source {
  // One reader, offered both ways (the planner takes the batches).
  const batches = ndjsonBatches(path);
  return { unit: 'line', label: `${name} (NDJSON)`, records: eachRecord(batches), batches };
}

/** Only regular files are replayed (a symbolic link to one is fine: stat follows it). */
export function refuseIfNotRegular(path: string, info: Stats): void {
  if (info.isFile()) return;
  const what = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe (FIFO)' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file';
  throw new SourceError(`${path} is ${what}: Event Desk reads only regular files. Save the data to a file and give that instead.`);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
