import { createHash } from 'node:crypto';
import { closeSync, constants, createWriteStream, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { EventDefinition, PlanProblem, PlanSettings } from '../../shared/plan.ts';
import { Failure } from '../failure.ts';
import { writeAtomically } from '../storage/atomic-file.ts';
import type { SavedEventFile, TextProblem } from './definition-file.ts';
import { PLAN_LIMITS } from './limits.ts';
import type { CompiledSchema, SchemaCompiler } from './validator.ts';

// The YAML parser and Ajv are loaded on first use (dynamic imports: their own chunks in the CLI's
// bundle). Most people have no plan, and every `event-desk send` would otherwise pay ~25 ms to load them.
const definitionFiles = () => import('./definition-file.ts');

/** A definition that loaded and compiled, with the file it came from. */
export interface LoadedDefinition {
  definition: EventDefinition;
  /** Relative to the workspace folder: "definitions/refund-issued.yaml". */
  file: string;
  schema: CompiledSchema;
}

/** The plan as the workspace holds it now; broken files are in `problems`, never left out silently. */
export interface LoadedPlan {
  dir: string;
  settings: PlanSettings;
  /** By event name. */
  definitions: ReadonlyMap<string, LoadedDefinition>;
  problems: PlanProblem[];
}

export const DEFINITIONS_FOLDER = 'definitions';
export const SETTINGS_FILE = 'plan.yaml';
export const SAVED_FOLDER = 'saved';
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** All files together: a workspace of 2000 full-size files is not a tracking plan. */
const TOTAL_BYTES = 32 * 1024 * 1024;

/**
 * A workspace folder a team shares through git: plan.yaml (the plan's settings) and one file per
 * event definition in definitions/, named after the event (refund-issued.yaml). Secrets and history
 * never go here. Every file is hostile input: size, kind and content are bounded before use.
 */
export class Workspace {
  readonly dir: string;
  #compiler: Promise<SchemaCompiler> | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Made on first use: a core that never reads a plan never loads or builds Ajv. */
  #schemas(): Promise<SchemaCompiler> {
    this.#compiler ??= import('./validator.ts').then(({ SchemaCompiler }) => new SchemaCompiler());
    return this.#compiler;
  }

  /** Reads every file now. A missing folder is an empty plan (the default workspace is created on first write). */
  async load(): Promise<LoadedPlan> {
    const problems: PlanProblem[] = [];
    const definitions = new Map<string, LoadedDefinition>();
    let settings: PlanSettings = { onlyPlannedEvents: false };
    const budget = { bytes: TOTAL_BYTES };
    const settingsText = readBounded(join(this.dir, SETTINGS_FILE), budget);
    const names = this.#fileNames(DEFINITIONS_FOLDER, problems);
    // No files: no plan, and nothing to load a parser for.
    if (names.length === 0 && typeof settingsText !== 'string' && settingsText.problem === null) return { dir: this.dir, settings, definitions, problems };
    const [{ parseDefinition, parseSettings }, compiler] = await Promise.all([definitionFiles(), this.#schemas()]);
    if (typeof settingsText === 'string') {
      const parsed = parseSettings(settingsText);
      if ('settings' in parsed) settings = parsed.settings;
      else problems.push(...parsed.problems.map((problem) => ({ file: SETTINGS_FILE, ...problem })));
    } else if (settingsText.problem) problems.push({ file: SETTINGS_FILE, line: null, message: settingsText.problem });
    for (const name of names) {
      const file = `${DEFINITIONS_FOLDER}/${name}`;
      const report = (list: TextProblem[]) => problems.push(...list.map((problem) => ({ file, ...problem })));
      const text = readBounded(join(this.dir, DEFINITIONS_FOLDER, name), budget);
      if (typeof text !== 'string') {
        report([{ line: null, message: text.problem ?? 'the file is gone' }]);
        continue;
      }
      const parsed = parseDefinition(text);
      if ('problems' in parsed) {
        report(parsed.problems);
        continue;
      }
      const { definition } = parsed;
      const other = definitions.get(definition.name);
      if (other) {
        report([{ line: 1, message: `the event "${definition.name}" is already defined in ${other.file}: keep one of them` }]);
        continue;
      }
      let schema: CompiledSchema;
      try {
        schema = compiler.compile(definition.schema);
      } catch (error) {
        report([{ line: lineOfKey(text, 'schema'), message: `schema: ${(error as Error).message.split('\n')[0]!.slice(0, 500)}` }]);
        continue;
      }
      definitions.set(definition.name, { definition, file, schema });
    }
    return { dir: this.dir, settings, definitions, problems };
  }

  /**
   * Writes a definition atomically, into its own file if it has one, else a new file named after
   * the event. A file that is not this definition's (a broken one above all) is never overwritten.
   */
  async write(definition: EventDefinition): Promise<string> {
    const { formatDefinition, parseDefinition } = await definitionFiles();
    // What is written must load back: the same checks as a file a colleague pushed.
    const parsed = parseDefinition(formatDefinition(definition));
    if ('problems' in parsed) throw new Failure('invalid_input', `The definition of "${definition.name}" is not valid: ${parsed.problems.map((problem) => problem.message).join('; ')}.`);
    try {
      (await this.#schemas()).compile(parsed.definition.schema);
    } catch (error) {
      throw new Failure('invalid_input', `The schema of "${definition.name}" is not valid: ${(error as Error).message}.`);
    }
    const plan = await this.load();
    const own = plan.definitions.get(parsed.definition.name);
    const file = own?.file ?? this.#freeName(DEFINITIONS_FOLDER, definition.name);
    // A definition kept in a .json file stays JSON.
    const text = formatDefinition(parsed.definition, extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
    mkdirSync(join(this.dir, DEFINITIONS_FOLDER), { recursive: true });
    // 0644: the file is meant for a git checkout and colleagues; nothing secret is ever in it.
    await writeAtomically(join(this.dir, file), async (stream) => void stream.write(text), (partial) => createWriteStream(partial, { flags: 'wx', mode: 0o644 }));
    return file;
  }

  /**
   * The saved events in saved/, one file each, checked with the library's own rules; broken files
   * are listed like broken definitions. `hash` is of the file's text (the library's sync tells an
   * edit made elsewhere from its own write by it); `readable` is false when saved/ could not be
   * listed at all, so a sync never takes an unreadable folder for an empty one.
   */
  async loadSaved(): Promise<LoadedSaved> {
    const problems: PlanProblem[] = [];
    const saved: SavedFileEntry[] = [];
    // A workspace folder that is gone (an unplugged drive, a checkout moved away) is unreadable, not
    // empty: taking it for empty would drop every mirrored saved event from the library.
    if (!isDirectory(this.dir)) return { saved, problems: [{ file: SAVED_FOLDER, line: null, message: 'the workspace folder cannot be found' }], readable: false, found: false, complete: false };
    // saved/ as a link could point anywhere on the disk: its files are neither read nor written.
    if (isSymbolicLink(join(this.dir, SAVED_FOLDER))) return { saved, problems: [{ file: SAVED_FOLDER, line: null, message: 'is a symbolic link: the saved/ folder must be a plain folder' }], readable: false, found: true, complete: false };
    const names = this.#fileNames(SAVED_FOLDER, problems);
    const folderProblem = problems.find((problem) => problem.file === SAVED_FOLDER && problem.line === null);
    const readable = !folderProblem?.message.startsWith('the folder cannot be read');
    // Past the listing's cap (or unlistable), a title not among the files read may still be in the folder.
    const complete = folderProblem === undefined;
    if (names.length === 0) return { saved, problems, readable, found: true, complete };
    const { parseSavedEvent } = await definitionFiles();
    const budget = { bytes: TOTAL_BYTES };
    const titles = new Map<string, string>();
    for (const name of names) {
      const file = `${SAVED_FOLDER}/${name}`;
      const text = readBounded(join(this.dir, SAVED_FOLDER, name), budget);
      if (typeof text !== 'string') {
        problems.push({ file, line: null, message: text.problem ?? 'the file is gone' });
        continue;
      }
      const parsed = parseSavedEvent(text);
      if ('problems' in parsed) {
        problems.push(...parsed.problems.map((problem) => ({ file, ...problem })));
        continue;
      }
      // Titles are unique in the library, as names are in the plan.
      const other = titles.get(parsed.saved.title.toLowerCase());
      if (other) {
        problems.push({ file, line: 1, message: `a saved event titled "${parsed.saved.title}" is already in ${other}: keep one of them` });
        continue;
      }
      titles.set(parsed.saved.title.toLowerCase(), file);
      saved.push({ saved: parsed.saved, file, hash: textHash(text) });
    }
    return { saved, problems, readable, found: true, complete };
  }

  /** Writes a saved event atomically into its own file (found by title), else a new one named after its title. */
  async writeSaved(saved: SavedEventFile): Promise<string> {
    return (await this.writeSavedFile(saved, null)).file;
  }

  /**
   * Writes a saved event into `into` when given (the file it already lives in: a renamed title keeps
   * its file, so the team's review shows an edit, not a delete and an add), else its own file by
   * title, else a new one. Returns the file and the hash of the text written.
   */
  async writeSavedFile(saved: SavedEventFile, into: string | null): Promise<{ file: string; hash: string }> {
    const { formatSavedEvent, parseSavedEvent } = await definitionFiles();
    const parsed = parseSavedEvent(formatSavedEvent(saved));
    if ('problems' in parsed) throw new Failure('invalid_input', `The saved event "${saved.title}" is not valid: ${parsed.problems.map((problem) => problem.message).join('; ')}.`);
    const own = into !== null && isSavedFileName(into) ? null : (await this.loadSaved()).saved.find((item) => item.saved.title.toLowerCase() === parsed.saved.title.toLowerCase());
    const file = into !== null && isSavedFileName(into) ? into : (own?.file ?? this.#freeName(SAVED_FOLDER, parsed.saved.title));
    const text = formatSavedEvent(parsed.saved, extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
    if (isSymbolicLink(join(this.dir, SAVED_FOLDER))) throw new Failure('workspace_file', `${file} is not written: the workspace's saved/ folder is a symbolic link.`, { params: { file, detail: 'saved/ is a symbolic link' } });
    mkdirSync(join(this.dir, SAVED_FOLDER), { recursive: true });
    await writeAtomically(join(this.dir, file), async (stream) => void stream.write(text), (partial) => createWriteStream(partial, { flags: 'wx', mode: 0o644 }));
    return { file, hash: textHash(text) };
  }

  /** A file name in saved/ no file holds yet, named after the title ("saved/refund-issued.yaml", else "-2"…). */
  freeSavedFile(title: string): string {
    return this.#freeName(SAVED_FOLDER, title);
  }

  /** Removes a saved event's file (a delete in the library); only a plain file directly in saved/. */
  removeSaved(file: string): void {
    if (!isSavedFileName(file)) return;
    const path = join(this.dir, file);
    try {
      if (!lstatSync(path).isFile()) return;
      unlinkSync(path);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw new Failure('workspace_file', `${file} in the workspace folder cannot be removed (${(error as { code?: string }).code ?? (error as Error).message}).`, { params: { file, detail: (error as { code?: string }).code ?? (error as Error).message } });
    }
  }

  /** The hash of a saved event's file as it is now, or null when it is gone or not a plain file. */
  savedHash(file: string): string | null {
    if (!isSavedFileName(file)) return null;
    const text = readBounded(join(this.dir, file), { bytes: PLAN_LIMITS.fileBytes });
    return typeof text === 'string' ? textHash(text) : null;
  }

  /** A definition as its file would hold it (what `plan show` prints). */
  async format(definition: EventDefinition): Promise<string> {
    return (await definitionFiles()).formatDefinition(definition);
  }

  async writeSettings(settings: PlanSettings): Promise<void> {
    const { formatSettings } = await definitionFiles();
    mkdirSync(this.dir, { recursive: true });
    await writeAtomically(join(this.dir, SETTINGS_FILE), async (stream) => void stream.write(formatSettings(settings)), (partial) => createWriteStream(partial, { flags: 'wx', mode: 0o644 }));
  }

  /** Names, sizes and times of the files: changes when any file is added, removed or edited. */
  signature(): string {
    const parts: string[] = [];
    for (const path of [join(this.dir, SETTINGS_FILE), join(this.dir, DEFINITIONS_FOLDER)]) parts.push(stamp(path));
    for (const name of this.#fileNames(DEFINITIONS_FOLDER, [])) parts.push(`${name}:${stamp(join(this.dir, DEFINITIONS_FOLDER, name))}`);
    return parts.join('|');
  }

  /** A folder's files, sorted (the order problems and duplicates are reported in). */
  #fileNames(folder: string, problems: PlanProblem[]): string[] {
    let names: string[];
    try {
      names = readdirSync(join(this.dir, folder));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ENOENT') problems.push({ file: folder, line: null, message: `the folder cannot be read (${code ?? (error as Error).message})` });
      return [];
    }
    const files = names.filter((name) => !name.startsWith('.') && EXTENSIONS.has(extname(name).toLowerCase())).toSorted();
    if (files.length > PLAN_LIMITS.files) {
      problems.push({ file: folder, line: null, message: `holds ${files.length} files; only the first ${PLAN_LIMITS.files} were read` });
      return files.slice(0, PLAN_LIMITS.files);
    }
    return files;
  }

  /** slug.yaml, or slug-2.yaml… when a file of that name (another event's, or a broken one) is there. */
  #freeName(folder: string, name: string): string {
    const taken = new Set(this.#fileNames(folder, []).map((file) => file.slice(0, file.length - extname(file).length).toLowerCase()));
    const base = slugOf(name);
    let candidate = base;
    // The listing is capped (PLAN_LIMITS.files): a name past the cap is still asked of the disk, so a
    // colleague's file is never replaced by the atomic rename of a new one.
    const onDisk = (stem: string) => [...EXTENSIONS].some((extension) => existsOrLink(join(this.dir, folder, `${stem}${extension}`)));
    for (let n = 2; taken.has(candidate) || onDisk(candidate); n += 1) candidate = `${base}-${n}`;
    return `${folder}/${candidate}.yaml`;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Anything at the path, a dangling link included. */
function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** saved/ as read: `readable` false when it could not be listed at all (never taken for empty); `found`
 * false when the workspace folder itself is gone; `complete` false when some files were not read (the cap). */
export interface LoadedSaved {
  saved: SavedFileEntry[];
  problems: PlanProblem[];
  readable: boolean;
  found: boolean;
  complete: boolean;
}

/** One saved event's file in saved/, as read. */
export interface SavedFileEntry {
  saved: SavedEventFile;
  /** Relative to the workspace folder: "saved/refund-issued.yaml". */
  file: string;
  /** sha256 of the file's text. */
  hash: string;
}

/** "saved/<name>.yaml|yml|json" and nothing else: a stored file name is never a path out of saved/. */
function isSavedFileName(file: string): boolean {
  const name = file.slice(SAVED_FOLDER.length + 1);
  return file.startsWith(`${SAVED_FOLDER}/`) && name === basename(name) && !name.startsWith('.') && name !== '' && !name.includes('\\') && EXTENSIONS.has(extname(name).toLowerCase());
}

function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A file name that diffs well: "Refund issued" → refund-issued; only a-z, 0-9 and dashes. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'event' : slug;
}

/**
 * A file's text when it is a regular file within the size limits; a missing file is { problem: null }.
 * Symlinks, FIFOs and devices are refused before opening (a FIFO would wait forever, /dev/zero never ends).
 */
function readBounded(path: string, budget: { bytes: number }): string | { problem: string | null } {
  let info: Stats;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { problem: null };
    return { problem: `the file cannot be read (${(error as Error).message})` };
  }
  if (info.isSymbolicLink()) return { problem: 'is a symbolic link: workspace files must be plain files' };
  if (!info.isFile()) return { problem: 'is not a plain file' };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { problem: `the file cannot be read (${(error as Error).message})` };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { problem: 'is not a plain file' };
    if (opened.size > PLAN_LIMITS.fileBytes) return { problem: `the file is too large (${formatBytes(opened.size)}; a definition may be at most ${formatBytes(PLAN_LIMITS.fileBytes)})` };
    if (opened.size > budget.bytes) return { problem: `not read: the workspace's files together are larger than ${formatBytes(TOTAL_BYTES)}` };
    budget.bytes -= opened.size;
    // One byte more than the size: a file that grew since fstat is read no further than the limit.
    const buffer = Buffer.alloc(Math.min(opened.size + 1, PLAN_LIMITS.fileBytes + 1));
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > PLAN_LIMITS.fileBytes) return { problem: `the file is too large (a definition may be at most ${formatBytes(PLAN_LIMITS.fileBytes)})` };
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    try {
      return text.decode(buffer.subarray(0, length));
    } catch {
      return { problem: 'the file is not UTF-8 text' };
    }
  } finally {
    closeSync(fd);
  }
}

function stamp(path: string): string {
  try {
    const info = lstatSync(path);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return '-';
  }
}

/** The 1-based line of a top-level key, for errors found after parsing (Ajv's compile). */
function lineOfKey(text: string, key: string): number | null {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`) || line.trimStart().startsWith(`"${key}"`));
  return index === -1 ? null : index + 1;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
