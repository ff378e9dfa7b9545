import type { HistoryEntry } from '../../shared/history.ts';

const HOUR_MS = 3_600_000;
/** The largest time a Date holds (±100 million days), less the widest offset. */
const MAX_TIME_MS = 8.64e15 - 2 * 86_400_000;
/** The caches hold hours: a year of history is ~8,800 of them; the cap guards a pathological spread. */
const MAX_CACHED_HOURS = 100_000;

/** The time zone of this process (TZ, else the system's): the user's, for the app and the CLI alike. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True when Intl knows the zone (an IANA name such as Europe/Berlin, or UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone !== '';
  } catch {
    return false;
  }
}

/**
 * ISO 8601 times for exports: `2026-11-25T10:00:00.000Z` in UTC and `2026-11-25T11:00:00.000+01:00`
 * in one time zone. An export of a million entries formats six million times, and Intl costs ~4 µs a
 * call, so both caches work per hour: the offset of an hour (trusted only when its first and last
 * millisecond agree; near a change of offset each time is asked for itself), and the
 * `YYYY-MM-DDTHH:` text of an hour, from Date's own toISOString; minutes, seconds and milliseconds
 * are then plain arithmetic. Tested against toISOString and Intl over random times.
 */
export class ZoneTimes {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #hourOffsets = new Map<number, number | null>();
  readonly #hourTexts = new Map<number, string>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    // Throws RangeError for a zone Intl does not know: callers check with isTimeZone first.
    this.#format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** The time in UTC, or null for no time (or one a Date cannot hold, from a damaged row). */
  utc(ms: number | null): string | null {
    // Date truncates a fractional millisecond toward zero; so do we.
    return isTime(ms) ? `${this.#text(Math.trunc(ms))}Z` : null;
  }

  /** The time in this zone with its offset, or null for no time. */
  local(ms: number | null): string | null {
    if (!isTime(ms)) return null;
    const time = Math.trunc(ms);
    const offset = this.#offsetAt(time);
    return `${this.#text(time + offset)}${offsetText(offset)}`;
  }

  /** `YYYY-MM-DDTHH:mm:ss.sss` of a time read as UTC. */
  #text(ms: number): string {
    const hour = Math.floor(ms / HOUR_MS);
    let prefix = this.#hourTexts.get(hour);
    if (prefix === undefined) {
      if (this.#hourTexts.size >= MAX_CACHED_HOURS) this.#hourTexts.clear();
      prefix = new Date(hour * HOUR_MS).toISOString().slice(0, -10);
      this.#hourTexts.set(hour, prefix);
    }
    const rest = ms - hour * HOUR_MS;
    const minutes = Math.floor(rest / 60_000);
    const seconds = Math.floor((rest % 60_000) / 1000);
    const millis = Math.floor(rest % 1000);
    return `${prefix}${minutes < 10 ? '0' : ''}${minutes}:${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
  }

  #offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.#hourOffsets.get(hour);
    if (offset === undefined) {
      const first = this.#exactOffset(hour * HOUR_MS);
      offset = first === this.#exactOffset(hour * HOUR_MS + HOUR_MS - 1) ? first : null;
      if (this.#hourOffsets.size >= MAX_CACHED_HOURS) this.#hourOffsets.clear();
      this.#hourOffsets.set(hour, offset);
    }
    return offset ?? this.#exactOffset(ms);
  }

  /** "GMT+05:45", "GMT-00:44:30" (historical zones), or "GMT" for UTC, in milliseconds. */
  #exactOffset(ms: number): number {
    const name = this.#format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
    if (!match) return 0;
    const [, sign, hours, minutes, seconds] = match;
    return (sign === '-' ? -1 : 1) * ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds ?? 0)) * 1000;
  }
}

/** A damaged row may hold any number; one a Date cannot show becomes no time rather than a failed export. */
function isTime(ms: number | null): ms is number {
  return ms !== null && Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
}

function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const pad = (value: number) => String(Math.floor(value)).padStart(2, '0');
  const text = `${sign}${pad(total / 3600)}:${pad((total % 3600) / 60)}`;
  // Offsets with seconds exist only before 1973 (local mean times); ISO 8601 has room for them.
  return total % 60 === 0 ? text : `${text}:${pad(total % 60)}`;
}

/**
 * An entry as JSON for the JSON and NDJSON exports (schema 1.1): every field as before, then
 * `<field>Utc` and `<field>Local` for each epoch field. Fields are only added, so 1.0 readers are
 * unaffected. Appended to the text rather than copied into a new object: an entry is ~1 KB and an
 * export may hold a million; ISO times never need JSON escaping.
 */
export function entryJson(entry: HistoryEntry, zone: ZoneTimes): string {
  const text = JSON.stringify(entry);
  const member = (name: string, value: string | null) => `,"${name}":${value === null ? 'null' : `"${value}"`}`;
  return `${text.slice(0, -1)}${member('createdAtUtc', zone.utc(entry.createdAt))}${member('createdAtLocal', zone.local(entry.createdAt))}${member('updatedAtUtc', zone.utc(entry.updatedAt))}${member('updatedAtLocal', zone.local(entry.updatedAt))}${member('eventCreatedAtUtc', zone.utc(entry.eventCreatedAt))}${member('eventCreatedAtLocal', zone.local(entry.eventCreatedAt))}}`;
}
