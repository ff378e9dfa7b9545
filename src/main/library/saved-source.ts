import type { Source, SourceRecord } from '../replay/sources/source.ts';
import type { LibraryService } from './library-service.ts';

/** One saved event for many customers as a replay source: each item resolved for its customer. */
export function savedEventSource(library: LibraryService, id: number, customers: number[], inputs: Record<string, string>): Source {
  const saved = library.get(id);
  async function* records(): AsyncGenerator<SourceRecord> {
    for (const [index, customer] of customers.entries()) {
      try {
        const { event } = await library.resolve(id, customer, inputs);
        yield { position: index + 1, raw: event };
      } catch (error) {
        yield { position: index + 1, problem: `customer ${customer}: ${(error as Error).message}` };
      }
    }
  }
  return { unit: 'item', label: `saved "${saved.title}" for ${customers.length} customer${customers.length === 1 ? '' : 's'}`, records: records() };
}
