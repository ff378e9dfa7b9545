import type { Disposition } from '../../src/shared/history.ts';
import type { Fault } from '../../tools/mock-api/server.ts';

/** Persistent faults outlast the client's retries; transient ones are gone by the second attempt. */
export const PERSISTENT = 50;

export interface FaultCase {
  name: string;
  fault: Fault | null;
  /** What the answer means, by the disposition table. */
  expected: Disposition;
}

const events = '/v1/events';
export const FAULTS: FaultCase[] = [
  { name: 'no fault', fault: null, expected: 'delivered' },
  { name: '429 (persistent)', fault: { kind: 'status', status: 429, retryAfter: 0, count: PERSISTENT, path: events }, expected: 'not-sent' },
  { name: '503 (persistent)', fault: { kind: 'status', status: 503, retryAfter: 0, count: PERSISTENT, path: events }, expected: 'not-sent' },
  { name: '500 before storing', fault: { kind: 'status', status: 500, path: events }, expected: 'maybe-landed' },
  { name: '502 before storing', fault: { kind: 'status', status: 502, path: events }, expected: 'maybe-landed' },
  { name: '504 before storing', fault: { kind: 'status', status: 504, path: events }, expected: 'maybe-landed' },
  { name: '500 after storing', fault: { kind: 'status', status: 500, path: events, afterStore: true }, expected: 'maybe-landed' },
  { name: '502 after storing', fault: { kind: 'status', status: 502, path: events, afterStore: true }, expected: 'maybe-landed' },
  { name: '504 after storing', fault: { kind: 'status', status: 504, path: events, afterStore: true }, expected: 'maybe-landed' },
  { name: 'reset before writing', fault: { kind: 'reset-on-connect', count: PERSISTENT }, expected: 'not-sent' },
  { name: 'reset after writing', fault: { kind: 'reset', path: events }, expected: 'maybe-landed' },
  { name: 'reset after storing', fault: { kind: 'reset', path: events, afterStore: true }, expected: 'maybe-landed' },
  { name: 'hang past the timeout', fault: { kind: 'hang', path: events, afterStore: true }, expected: 'maybe-landed' },
  { name: 'malformed 200 after storing', fault: { kind: 'malformed', status: 200, path: events, afterStore: true }, expected: 'maybe-landed' },
  { name: 'redirect', fault: { kind: 'redirect', location: 'http://127.0.0.1:9/v1/events', path: events }, expected: 'rejected' },
];

