import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { firstMessage, type HelpCrunchEvent } from '../../shared/event.ts';
import { importReportSchema, LIBRARY_FORMAT, libraryFileSchema, savedEventDraftSchema, type ImportReport, type SavedEvent, type SavedEventDraft } from '../../shared/saved-events.ts';
import { nestedDeeperThan, TOO_DEEP } from '../../shared/nesting.ts';
import { resolveTemplate } from '../../shared/template.ts';
import type { Clock } from '../clock.ts';
import type { CustomerService } from '../customers/customer-service.ts';
import { Failure } from '../failure.ts';
import type { SavedEventRepository, SavedEventValues } from './saved-event-repository.ts';

/** How long a deleted saved event can be brought back. */
export const UNDO_MS = 10_000;
const LIBRARY_FILE_MAX = 8 * 1024 * 1024;

export interface LibraryServiceDeps {
  saved: SavedEventRepository;
  customers: Pick<CustomerService, 'lookup'>;
  clock: Clock;
  profile: string;
}

/** The saved-events library: edit it, import and export it, and turn a saved event into an event to send. */
export class LibraryService {
  readonly #deps: LibraryServiceDeps;

  constructor(deps: LibraryServiceDeps) {
    this.#deps = deps;
  }

  list(): SavedEvent[] {
    const { saved, clock, profile } = this.#deps;
    saved.purgeDeletedBefore(clock.now() - UNDO_MS);
    return saved.list(profile);
  }

  get(id: number): SavedEvent {
    const found = this.#deps.saved.get(this.#deps.profile, id);
    if (!found) throw new Failure('not_found', `There is no saved event ${id}.`, { reason: 'saved', params: { id } });
    return found;
  }

  /** By id, or by exact title (the CLI's --saved "Refund issued"). */
  find(idOrTitle: number | string): SavedEvent {
    if (typeof idOrTitle === 'number') return this.get(idOrTitle);
    const found = this.#deps.saved.byTitle(this.#deps.profile, idOrTitle);
    if (!found) throw new Failure('not_found', `There is no saved event titled "${idOrTitle}".`, { hint: 'event-desk saved list shows them.' });
    return found;
  }

  create(draft: SavedEventDraft): SavedEvent {
    const values = this.#check(draft);
    const { saved, clock } = this.#deps;
    if (saved.titleOwner(values.title) !== null) throw new Failure('title_taken', `A saved event is already titled "${values.title}"${this.#hiddenNote(values.title)}.`, { hint: 'Choose another title, or edit that one.', params: { title: values.title } });
    const id = saved.insert(values, clock.now());
    // Limited to other accounts than this one: it exists, but this account does not list it.
    return saved.getAny(id)!;
  }

  update(id: number, draft: SavedEventDraft): SavedEvent {
    const values = this.#check(draft);
    const { saved, profile, clock } = this.#deps;
    // A workspace file is the team's: it holds no account ids, so it cannot be limited to some.
    if (values.accounts.length > 0 && saved.get(profile, id)?.file) throw new Failure('invalid_input', 'This saved event is a file in the workspace folder, shared with everyone who uses it: it cannot be limited to some accounts.');
    const other = saved.titleOwner(values.title);
    if (other !== null && other !== id) throw new Failure('title_taken', `Another saved event is already titled "${values.title}"${this.#hiddenNote(values.title)}.`, { params: { title: values.title } });
    if (!saved.update(profile, id, values, clock.now())) throw new Failure('not_found', `There is no saved event ${id}.`, { reason: 'saved', params: { id } });
    return saved.getAny(id)!;
  }

  duplicate(id: number): SavedEvent {
    const original = this.get(id);
    let title = `${original.title} (copy)`;
    for (let n = 2; this.#deps.saved.titleOwner(title) !== null; n += 1) title = `${original.title} (copy ${n})`;
    return this.create({ ...original, title: title.slice(0, 120) });
  }

  #check(draft: SavedEventDraft): SavedEventValues {
    const parsed = savedEventDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Failure('invalid_input', `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'Invalid saved event.'}`);
    }
    const values = { ...parsed.data, accounts: parsed.data.accounts ?? [] } as SavedEventValues;
    const unknown = values.accounts.find((account) => !this.#deps.saved.accountExists(account));
    if (unknown) throw new Failure('invalid_input', `There is no account "${unknown}" to limit this saved event to.`);
    return { ...values, accounts: [...new Set(values.accounts)].toSorted() };
  }

  /** Why a title is taken when this account cannot see the event that has it. */
  #hiddenNote(title: string): string {
    return this.#deps.saved.byTitle(this.#deps.profile, title) ? '' : ' (in another account)';
  }

  /** Deletes now; `undoDelete` brings it back within UNDO_MS. */
  delete(id: number): void {
    if (!this.#deps.saved.softDelete(this.#deps.profile, id, this.#deps.clock.now())) throw new Failure('not_found', `There is no saved event ${id}.`, { reason: 'saved', params: { id } });
  }

  undoDelete(id: number): SavedEvent {
    const { saved, profile, clock } = this.#deps;
    if (!saved.restore(profile, id, clock.now() - UNDO_MS)) throw new Failure('undo_expired', 'It is too late to undo that delete (or its title was used meanwhile).');
    return this.get(id);
  }

  /**
   * The event a saved event makes for a customer and the typed inputs: resolved by main from the
   * stored template (never from a renderer's copy), with the customer's details from HelpCrunch.
   */
  async resolve(id: number, customerId: number, inputs: Record<string, string>): Promise<{ event: HelpCrunchEvent; saved: SavedEvent }> {
    const saved = this.get(id);
    const customer = await this.#deps.customers.lookup(customerId);
    const result = resolveTemplate(saved.template, saved.fields, { now: new Date(this.#deps.clock.now()), uuid: randomUUID, customer: customer ?? { id: customerId, email: null, name: null, userId: null }, inputs });
    if (!result.ok) {
      const problem = result.problems[0]!;
      throw new Failure('invalid_input', problem.message, { hint: result.problems.length > 1 ? `And ${result.problems.length - 1} more.` : undefined });
    }
    return { saved, event: { name: saved.name, customer: customerId, data: result.data } };
  }

  /** The library as a file (docs/library.schema.json). */
  async exportTo(target: Writable): Promise<number> {
    // Account limits stay out of the file: account ids mean nothing on another computer.
    const events = this.list().map(({ title, name, description, template, fields, defaultCustomer, tags }) => ({ title, name, description, template, fields, defaultCustomer, tags }));
    const text = JSON.stringify({ format: LIBRARY_FORMAT, version: 1, exportedAt: new Date(this.#deps.clock.now()).toISOString(), events }, null, 2);
    await new Promise<void>((resolve, reject) => target.write(`${text}\n`, (error) => (error ? reject(error) : resolve())));
    return events.length;
  }

  /**
   * Imports a library file: new titles are added, identical ones skipped, invalid ones skipped with
   * the reason; a title that exists with different content is a conflict, left alone unless
   * `onConflict` says replace or keep both.
   */
  async importFile(path: string, onConflict: 'ask' | 'replace' | 'keep-both'): Promise<ImportReport> {
    let text: string;
    try {
      // Checked before reading: a FIFO would wait for a writer, and a device (size 0) never ends.
      const info = await stat(path);
      if (!info.isFile()) throw new Failure('invalid_input', `${path} is not a regular file (${info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe' : 'a device or socket'}): choose the library's .json file.`);
      if (info.size > LIBRARY_FILE_MAX) throw new Failure('invalid_input', 'That file is too large to be an Event Desk library.');
      text = await readFile(path, { encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NONBLOCK });
    } catch (error) {
      if (error instanceof Failure) throw error;
      throw new Failure('invalid_input', `${path} cannot be read (${(error as { code?: string }).code ?? (error as Error).message}).`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new Failure('invalid_input', `The library file is not valid JSON (${(error as Error).message}).`);
    }
    const file = libraryFileSchema.safeParse(raw);
    if (!file.success) throw new Failure('invalid_input', `This is not an Event Desk library file (${firstMessage(file.error)}).`, { hint: 'It must have "format": "event-desk-library", "version": 1 and "events".' });
    const report: ImportReport = { added: [], updated: [], skipped: [], conflicts: [] };
    for (const [index, item] of file.data.events.entries()) {
      const title = typeof (item as { title?: unknown })?.title === 'string' ? String((item as { title: string }).title).slice(0, 120) : `event ${index + 1}`;
      // Measured before the schema walks it: an entry nested 100,000 deep overflowed the stack there.
      if (nestedDeeperThan(item)) {
        report.skipped.push({ title, reason: `The entry is ${TOO_DEEP}.` });
        continue;
      }
      const parsed = savedEventDraftSchema.safeParse(item);
      if (!parsed.success) {
        report.skipped.push({ title, reason: firstMessage(parsed.error) });
        continue;
      }
      const values = { ...parsed.data, accounts: [] } as SavedEventValues;
      const ownerId = this.#deps.saved.titleOwner(values.title);
      const existing = ownerId === null ? null : this.#deps.saved.getAny(ownerId);
      if (!existing) {
        this.create(values);
        report.added.push(values.title);
      } else if (!this.#deps.saved.get(this.#deps.profile, existing.id)) {
        report.skipped.push({ title: values.title, reason: 'a saved event with this title is limited to other accounts' });
      } else if (sameContent(existing, values)) {
        report.skipped.push({ title: values.title, reason: 'already in the library, unchanged' });
      } else if (onConflict === 'replace') {
        this.update(existing.id, { ...values, accounts: existing.accounts });
        report.updated.push(values.title);
      } else if (onConflict === 'keep-both') {
        const copy = this.create({ ...values, title: `${values.title} (imported)`.slice(0, 120) });
        report.added.push(copy.title);
      } else report.conflicts.push(values.title);
    }
    return importReportSchema.parse(report);
  }
}



function sameContent(saved: SavedEvent, values: SavedEventValues): boolean {
  const { title, name, description, template, fields, defaultCustomer, tags } = saved;
  return JSON.stringify({ title, name, description, template, fields, defaultCustomer, tags }) === JSON.stringify({ title: values.title, name: values.name, description: values.description, template: values.template, fields: values.fields, defaultCustomer: values.defaultCustomer, tags: values.tags });
}
