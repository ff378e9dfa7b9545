import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { makeCustomers, type MockCustomer } from './customers.ts';
import { searchCustomers } from './search.ts';

/** A fault applied to the next `count` API requests (control routes are never affected). */
export type Fault = (
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: string; retryAfter?: number }
  | { kind: 'malformed'; status?: number }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'huge'; bytes: number }
  /** The next new connections are reset as they open, before a byte of the request is read. */
  | { kind: 'reset-on-connect' }
) & {
  /** How many requests (or, for reset-on-connect, connections) it applies to (default 1). */
  count?: number;
  /** Only requests to this path, e.g. "/v1/events" (default: any API request). */
  path?: string;
  /**
   * HelpCrunch stored the event, then the answer went wrong (a 504 from a proxy after the backend
   * wrote it, a cut connection, a hang): the event exists although the client never hears so.
   * Applies to a POST /v1/events that would have succeeded; other requests are answered normally.
   */
  afterStore?: boolean;
};

/** An event the mock created (what HelpCrunch would show in the customer's profile). */
export interface StoredEvent {
  id: number;
  name: string;
  customer: number;
  data: Record<string, unknown>;
  /** The key it was created with: which account it landed in. */
  authorization: string;
}

/** A fault with every option filled in, counting down as requests use it. */
interface PendingFault {
  kind: Fault['kind'];
  path: string;
  count: number;
  ms: number;
  status: number;
  body: string;
  retryAfter: number;
  location: string;
  bytes: number;
  afterStore: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
  at: number;
}

export interface MockOptions {
  port?: number;
  apiKey?: string;
  rateLimitPerMinute?: number;
  /** The sliding window the limit counts over (60 s like HelpCrunch; tests shorten it). */
  rateWindowMs?: number;
  /** Delay before every API answer, to stand in for the network round trip to HelpCrunch. */
  latencyMs?: number;
  /** Older docs echo `customer` and give createdAt as a number; newer docs give a numeric string. */
  legacyShape?: boolean;
  customers?: MockCustomer[];
}

export interface MockServer {
  url: string;
  apiKey: string;
  received: ReceivedRequest[];
  /** Every event created, in order: what a customer's profile would show (faults after storing included). */
  events: StoredEvent[];
  /** How many requests were answered 429 by the rate limit (injected faults not counted). */
  readonly rateLimited: number;
  /** Arrival times of the requests the rate limit let through. */
  readonly admitted: readonly number[];
  /** The most admitted requests inside any half-open window of `windowMs` (what a strict server would count). */
  busiestWindow(windowMs: number): number;
  injectFault(fault: Fault): void;
  /** Drops pending faults and the rate window, keeping what was received and stored. */
  clearFaults(): void;
  reset(): void;
  close(): Promise<void>;
}

export const MOCK_API_KEY = 'mock-key-0123456789abcdef';

/**
 * A HelpCrunch-compatible server for tests and people: POST /v1/events, POST /v1/customers/search,
 * GET /v1/customers[/id], Bearer auth, a requests-per-minute limit with 429, and injectable faults.
 * Control routes under /__mock let e2e tests drive it over HTTP.
 */
export async function startMockServer(options: MockOptions = {}): Promise<MockServer> {
  const apiKey = options.apiKey ?? MOCK_API_KEY;
  const customers = options.customers ?? makeCustomers();
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  let rateLimit = options.rateLimitPerMinute ?? 120;
  let rateWindowMs = options.rateWindowMs ?? 60_000;
  let rateLimited = 0;
  const admitted: number[] = [];
  let legacyShape = options.legacyShape ?? false;
  let faults: PendingFault[] = [];
  let recent: number[] = [];
  let nextEventId = 500_000;
  const received: ReceivedRequest[] = [];
  const events: StoredEvent[] = [];
  const sockets = new Set<Socket>();
  const busy = new Set<Socket>();

  function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function errors(response: ServerResponse, status: number, ...items: [string, string][]): void {
    reply(response, status, { errors: items.map(([code, message]) => ({ code, message })) });
  }

  async function control(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const body = request.method === 'POST' ? parse(await readBody(request)) : undefined;
    if (path === '/__mock/faults' && request.method === 'POST') {
      mock.injectFault(body as Fault);
      return reply(response, 204, '');
    }
    if (path === '/__mock/requests') return reply(response, 200, received);
    if (path === '/__mock/events') return reply(response, 200, events);
    if (path === '/__mock/reset') {
      mock.reset();
      return reply(response, 204, '');
    }
    if (path === '/__mock/config' && request.method === 'POST') {
      const config = body as { rateLimitPerMinute?: number; rateWindowMs?: number; legacyShape?: boolean };
      if (config.rateLimitPerMinute !== undefined) rateLimit = config.rateLimitPerMinute;
      if (config.rateWindowMs !== undefined) rateWindowMs = config.rateWindowMs;
      if (config.legacyShape !== undefined) legacyShape = config.legacyShape;
      return reply(response, 204, '');
    }
    errors(response, 404, ['not_found', 'No such mock control route']);
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const bodyText = request.method === 'POST' ? await readBody(request) : '';
    const body = parse(bodyText);
    received.push({ method: request.method ?? 'GET', path: url.pathname + url.search, authorization: request.headers.authorization, body, at: Date.now() });

    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const fault = faults.find((candidate) => candidate.kind !== 'reset-on-connect' && (candidate.path === '' || candidate.path === url.pathname));
    const storeFirst = fault?.afterStore === true && request.method === 'POST' && url.pathname.replace(/\/+$/, '') === '/v1/events';
    if (fault && !storeFirst) {
      fault.count -= 1;
      if (fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
      switch (fault.kind) {
        case 'hang':
          return; // never answer; the client's timeout must fire
        case 'reset':
          request.socket.destroy();
          return;
        case 'malformed':
          response.writeHead(fault.status, { 'Content-Type': 'text/html' });
          response.end('<html><body><h1>Bad Gateway</h1> upstream said nothing useful</body></html>');
          return;
        case 'status':
          return statusFault(response, fault);
        case 'redirect':
          response.writeHead(fault.status, { Location: fault.location, 'Content-Type': 'text/plain' });
          response.end(`Moved to ${fault.location}`);
          return;
        case 'huge': {
          // A hostile or broken server's endless answer: the client must stop reading.
          response.writeHead(200, { 'Content-Type': 'application/json' });
          const chunk = Buffer.alloc(64 * 1024, 'x');
          for (let sent = 0; sent < fault.bytes && !response.destroyed; sent += chunk.length) {
            if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
          }
          response.end();
          return;
        }
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
      }
    }
    if (fault && storeFirst) {
      // Store (when the request is good), then let the answer go wrong.
      const answer = await answerApi(request, url, bodyText, body);
      if (answer.status !== 200) return reply(response, answer.status, answer.body, answer.headers);
      fault.count -= 1;
      if (fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
      switch (fault.kind) {
        case 'hang':
          return;
        case 'reset':
          request.socket.destroy();
          return;
        case 'malformed':
          response.writeHead(fault.status === 502 ? 200 : fault.status, { 'Content-Type': 'text/html' });
          response.end('<html><body>Saved.</body></html>');
          return;
        case 'status':
          return statusFault(response, fault);
        default:
          return reply(response, answer.status, answer.body, answer.headers);
      }
    }
    const answer = await answerApi(request, url, bodyText, body);
    reply(response, answer.status, answer.body, answer.headers);
  }

  function statusFault(response: ServerResponse, fault: PendingFault): void {
    reply(response, fault.status, fault.body || { errors: [{ code: 'server_error', message: `Injected ${fault.status}` }] }, fault.retryAfter >= 0 ? { 'Retry-After': String(fault.retryAfter) } : {});
  }

  /** What the API answers a request (auth, rate limit, the endpoint); creating an event stores it. */
  async function answerApi(request: IncomingMessage, url: URL, bodyText: string, body: unknown): Promise<Answer> {

    const auth = request.headers.authorization;
    if (!auth) return failure(401, ['unauthorized', 'Unauthorized']);
    if (auth !== `Bearer ${apiKey}`) return failure(401, ['invalid_token', 'Invalid token']);

    const now = performance.timeOrigin + performance.now();
    recent = recent.filter((at) => now - at < rateWindowMs);
    if (recent.length >= rateLimit) {
      rateLimited += 1;
      return failure(429, ['too_many_requests', 'Too many requests']);
    }
    recent.push(now);
    admitted.push(now);

    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v1/events' && request.method === 'POST') return createEvent(bodyText, body, auth);
    if (path === '/v1/customers/search' && request.method === 'POST') {
      if (body === undefined) return failure(400, ['invalid_request', 'Invalid request'], ['body', 'Malformed JSON']);
      const answer = searchCustomers(customers, body);
      return { status: answer.status, body: answer.body };
    }
    if (path === '/v1/customers' && request.method === 'GET') {
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
      return { status: 200, body: { data: customers.slice(offset, offset + limit), total: customers.length } };
    }
    const one = /^\/v1\/customers\/(\d+)$/.exec(path);
    if (one && request.method === 'GET') {
      const customer = byId.get(Number(one[1]));
      return customer ? { status: 200, body: customer } : failure(404, ['entity_not_found', 'Customer not found']);
    }
    return failure(404, ['not_found', 'Not found']);
  }

  function createEvent(bodyText: string, body: unknown, authorization: string): Answer {
    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return failure(400, ['invalid_request', 'Invalid request'], ['body', `Malformed JSON: ${bodyText.slice(0, 40)}`]);
    }
    const { name, data, customer } = body as Record<string, unknown>;
    const problems: [string, string][] = [];
    if (typeof name !== 'string' || name.trim() === '') problems.push(['name', 'This value should not be blank.']);
    if (typeof customer !== 'number' || !Number.isInteger(customer)) problems.push(['customer', 'This value should be of type numeric.']);
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) problems.push(['data', 'This value should be of type object.']);
    if (problems.length > 0) return failure(400, ['invalid_request', 'Invalid request'], ...problems);
    if (!byId.has(customer as number)) return failure(404, ['not_found', 'Customer not found']);
    const createdAt = Math.floor(Date.now() / 1000);
    const id = nextEventId++;
    events.push({ id, name: name as string, customer: customer as number, data: (data ?? {}) as Record<string, unknown>, authorization });
    return { status: 200, body: legacyShape ? { id, name, data: data ?? {}, customer, createdAt } : { id, name, data: data ?? {}, createdAt: String(createdAt) } };
  }

  function failure(status: number, ...items: [string, string][]): Answer {
    return { status, body: { errors: items.map(([code, message]) => ({ code, message })) } };
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://mock');
    busy.add(request.socket);
    response.once('close', () => busy.delete(request.socket));
    const handler = url.pathname.startsWith('/__mock/') ? control(request, response, url.pathname) : api(request, response, url);
    handler.catch((error: unknown) => {
      if (!response.headersSent) errors(response, 500, ['mock_error', String(error)]);
    });
  });
  server.on('connection', (socket) => {
    const refuse = faults.find((candidate) => candidate.kind === 'reset-on-connect');
    if (refuse) {
      refuse.count -= 1;
      if (refuse.count <= 0) faults.splice(faults.indexOf(refuse), 1);
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const mock: MockServer = {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    received,
    events,
    get rateLimited() {
      return rateLimited;
    },
    admitted,
    busiestWindow: (windowMs) => mostInAnyWindow(admitted, windowMs),
    injectFault(fault) {
      const status = fault.kind === 'malformed' ? 502 : fault.kind === 'redirect' ? 307 : 200;
      faults.push({ count: 1, ms: 0, status, body: '', retryAfter: -1, path: '', location: '', bytes: 0, afterStore: false, ...fault });
      // A connection fault needs a new connection: close the idle keep-alive ones so the next request opens one.
      // (A reset, not a close: the client drops those sockets as soon as its event loop next reads.)
      if (fault.kind === 'reset-on-connect') for (const socket of sockets) if (!busy.has(socket)) socket.resetAndDestroy();
    },
    clearFaults() {
      faults = [];
      recent = [];
    },
    reset() {
      faults = [];
      recent = [];
      received.length = 0;
      events.length = 0;
      admitted.length = 0;
      rateLimited = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return mock;
}

/** An API answer before it is written (so a fault after storing can replace it). */
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The most sorted times that fit in any half-open window of `windowMs` (two pointers, one pass). */
export function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
