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
) & {
  /** How many requests it applies to (default 1). */
  count?: number;
  /** Only requests to this path, e.g. "/v1/events" (default: any API request). */
  path?: string;
};

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
  /** How many requests were answered 429 by the rate limit (injected faults not counted). */
  readonly rateLimited: number;
  /** Arrival times of the requests the rate limit let through. */
  readonly admitted: readonly number[];
  /** The most admitted requests inside any half-open window of `windowMs` (what a strict server would count). */
  busiestWindow(windowMs: number): number;
  injectFault(fault: Fault): void;
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
  const sockets = new Set<Socket>();

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
    const fault = faults.find((candidate) => candidate.path === '' || candidate.path === url.pathname);
    if (fault) {
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
          return reply(response, fault.status, fault.body || { errors: [{ code: 'server_error', message: `Injected ${fault.status}` }] }, fault.retryAfter >= 0 ? { 'Retry-After': String(fault.retryAfter) } : {});
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

    const auth = request.headers.authorization;
    if (!auth) return errors(response, 401, ['unauthorized', 'Unauthorized']);
    if (auth !== `Bearer ${apiKey}`) return errors(response, 401, ['invalid_token', 'Invalid token']);

    const now = performance.timeOrigin + performance.now();
    recent = recent.filter((at) => now - at < rateWindowMs);
    if (recent.length >= rateLimit) {
      rateLimited += 1;
      return errors(response, 429, ['too_many_requests', 'Too many requests']);
    }
    recent.push(now);
    admitted.push(now);

    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v1/events' && request.method === 'POST') return createEvent(response, bodyText, body);
    if (path === '/v1/customers/search' && request.method === 'POST') {
      if (body === undefined) return errors(response, 400, ['invalid_request', 'Invalid request'], ['body', 'Malformed JSON']);
      const answer = searchCustomers(customers, body);
      return reply(response, answer.status, answer.body);
    }
    if (path === '/v1/customers' && request.method === 'GET') {
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
      return reply(response, 200, { data: customers.slice(offset, offset + limit), total: customers.length });
    }
    const one = /^\/v1\/customers\/(\d+)$/.exec(path);
    if (one && request.method === 'GET') {
      const customer = byId.get(Number(one[1]));
      return customer ? reply(response, 200, customer) : errors(response, 404, ['entity_not_found', 'Customer not found']);
    }
    errors(response, 404, ['not_found', 'Not found']);
  }

  function createEvent(response: ServerResponse, bodyText: string, body: unknown): void {
    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return errors(response, 400, ['invalid_request', 'Invalid request'], ['body', `Malformed JSON: ${bodyText.slice(0, 40)}`]);
    }
    const { name, data, customer } = body as Record<string, unknown>;
    const problems: [string, string][] = [];
    if (typeof name !== 'string' || name.trim() === '') problems.push(['name', 'This value should not be blank.']);
    if (typeof customer !== 'number' || !Number.isInteger(customer)) problems.push(['customer', 'This value should be of type numeric.']);
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) problems.push(['data', 'This value should be of type object.']);
    if (problems.length > 0) return errors(response, 400, ['invalid_request', 'Invalid request'], ...problems);
    if (!byId.has(customer as number)) return errors(response, 404, ['not_found', 'Customer not found']);
    const createdAt = Math.floor(Date.now() / 1000);
    const id = nextEventId++;
    reply(response, 200, legacyShape ? { id, name, data: data ?? {}, customer, createdAt } : { id, name, data: data ?? {}, createdAt: String(createdAt) });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://mock');
    const handler = url.pathname.startsWith('/__mock/') ? control(request, response, url.pathname) : api(request, response, url);
    handler.catch((error: unknown) => {
      if (!response.headersSent) errors(response, 500, ['mock_error', String(error)]);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const mock: MockServer = {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    received,
    get rateLimited() {
      return rateLimited;
    },
    admitted,
    busiestWindow: (windowMs) => mostInAnyWindow(admitted, windowMs),
    injectFault(fault) {
      const status = fault.kind === 'malformed' ? 502 : fault.kind === 'redirect' ? 307 : 200;
      faults.push({ count: 1, ms: 0, status, body: '', retryAfter: -1, path: '', location: '', bytes: 0, ...fault });
    },
    reset() {
      faults = [];
      recent = [];
      received.length = 0;
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
