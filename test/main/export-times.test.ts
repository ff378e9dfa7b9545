import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryJson, isTimeZone, ZoneTimes } from '../../src/main/history/export-times.ts';
import type { HistoryEntry } from '../../src/shared/history.ts';

/** The local time as Intl itself writes it, part by part: an independent reference for ZoneTimes. */
function intlLocal(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.slice(3);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond}${offset}`;
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati'];

describe('ISO times for exports', () => {
  it('UTC matches Date#toISOString for any time a Date holds', () => {
    const zone = new ZoneTimes('UTC');
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, min: new Date(-8.6e15), max: new Date(8.6e15) }), (date) => {
        expect(zone.utc(date.getTime())).toBe(date.toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('local times match Intl in zones with odd offsets and daylight saving, whatever the order they come in', () => {
    // Real exports go newest first; random order checks the per-hour caches never leak between hours.
    const zones = ZONES.map((name) => new ZoneTimes(name));
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.nat({ max: zones.length - 1 }), (ms, index) => {
        const zone = zones[index]!;
        expect(zone.local(ms)).toBe(intlLocal(ms, zone.timeZone));
      }),
      { numRuns: 5000 },
    );
  });

  it('changes offset at the exact millisecond, on the hour and in the middle of one', () => {
    const berlin = new ZoneTimes('Europe/Berlin');
    // Summer time starts 2026-03-29 at 01:00 UTC: 02:00 local does not exist.
    expect(berlin.local(Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe('2026-03-29T01:59:59.999+01:00');
    expect(berlin.local(Date.UTC(2026, 2, 29, 1))).toBe('2026-03-29T03:00:00.000+02:00');
    // Lord Howe moves by 30 minutes, at 15:30 UTC: mid-hour, so the hour cannot be trusted whole.
    const lordHowe = new ZoneTimes('Australia/Lord_Howe');
    expect(lordHowe.local(Date.UTC(2026, 9, 3, 15, 29, 59, 999))).toBe('2026-10-04T01:59:59.999+10:30');
    expect(lordHowe.local(Date.UTC(2026, 9, 3, 15, 30))).toBe('2026-10-04T02:30:00.000+11:00');
    expect(lordHowe.local(Date.UTC(2026, 9, 3, 15, 0))).toBe('2026-10-04T01:30:00.000+10:30');
    expect(new ZoneTimes('Asia/Kathmandu').local(Date.UTC(2026, 10, 25, 10))).toBe('2026-11-25T15:45:00.000+05:45');
    expect(new ZoneTimes('America/St_Johns').local(Date.UTC(2026, 10, 25, 10))).toBe('2026-11-25T06:30:00.000-03:30');
  });

  it('no time, or one a Date cannot hold (a damaged row), is null rather than a failed export', () => {
    const zone = new ZoneTimes('Europe/Berlin');
    for (const ms of [null, Number.NaN, Infinity, 9e15, -9e15]) {
      expect(zone.utc(ms)).toBeNull();
      expect(zone.local(ms)).toBeNull();
    }
    expect(zone.utc(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(zone.utc(1.9)).toBe(new Date(1.9).toISOString());
  });

  it('knows time zones by their IANA names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('an entry as JSON keeps every field and adds each epoch field\'s ISO twins', () => {
    const entry: HistoryEntry = { id: 7, profile: 'default', createdAt: Date.UTC(2026, 6, 1, 12), updatedAt: Date.UTC(2026, 6, 1, 12, 0, 0, 250), outcome: 'sent', disposition: 'delivered', request: { name: 'Call made', customer: 1001, data: { note: 'a "quoted" note' } }, httpStatus: 200, responseBody: '{"id":1}', message: null, errors: [], eventId: 1, eventCreatedAt: null, attempts: 1, durationMs: 250, customerName: null, customerEmail: null, unreadable: null, savedEventId: null, outbox: null };
    expect(JSON.parse(entryJson(entry, new ZoneTimes('Europe/Berlin')))).toEqual({
      ...entry,
      createdAtUtc: '2026-07-01T12:00:00.000Z',
      createdAtLocal: '2026-07-01T14:00:00.000+02:00',
      updatedAtUtc: '2026-07-01T12:00:00.250Z',
      updatedAtLocal: '2026-07-01T14:00:00.250+02:00',
      eventCreatedAtUtc: null,
      eventCreatedAtLocal: null,
    });
  });
});
