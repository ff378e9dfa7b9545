/** Turns what fetch throws into a sentence a support agent can act on. */
export function describeNetworkError(error: unknown, host: string): string {
  if (isBlockedPort(error)) return `The port of ${host} is one that fetch refuses to use (a blocked port such as 9 or 6000), so nothing was sent. Use another port in the API base URL.`;
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not find ${host} (DNS lookup failed). Check your internet connection or the API base URL.`;
    case 'ECONNREFUSED':
      return `${host} refused the connection. Check the API base URL; if it points at this computer, is the server running?`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      if (provablyUnsent(error)) return `${host} closed the connection before the request was sent. Nothing reached HelpCrunch.`;
      return `The connection to ${host} was cut before an answer arrived. The event may or may not have been created: check the customer's profile before sending it again.`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Could not connect to ${host} in time. Check your internet connection.`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `There is no network route to ${host}. Are you offline?`;
    default:
      if (code !== undefined && isTlsCode(code))
        return `The secure connection to ${host} failed (${code}). A proxy or antivirus may be intercepting HTTPS.`;
      return `Could not reach ${host}${code ? ` (${code})` : ''}. Check your internet connection.`;
  }
}

/**
 * Failures that happen before a request can reach the server (no DNS answer, refused, no route,
 * no connection in time): the event was provably not sent, so it is safe to queue and send later.
 * A reset or a timeout after connecting is not among them: the event may have arrived.
 */
const NEVER_SENT = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ENETDOWN']);

/**
 * fetch refuses a "bad port" (9, 25, 6000…: the Fetch standard's blocked list) itself, before any
 * connection: `TypeError('fetch failed', { cause: Error('bad port') })`, with no code to go by.
 */
function isBlockedPort(error: unknown): boolean {
  return error instanceof TypeError && (error as { cause?: unknown }).cause instanceof Error && ((error as { cause: Error }).cause.message === 'bad port');
}

export function provablyUnsent(error: unknown): boolean {
  if (isBlockedPort(error)) return true;
  const code = errorCode(error);
  if (code === undefined) return false;
  if (NEVER_SENT.has(code) || isCertificateCode(code)) return true;
  // A reset while connecting (syscall "connect"), or a socket closed before it wrote a byte: the
  // request never left. A reused keep-alive socket has written earlier requests, so it never counts.
  if (code === 'ECONNRESET' && errorField(error, 'syscall') === 'connect') return true;
  if (code === 'UND_ERR_SOCKET') {
    const socket = errorField(error, 'socket') as { bytesWritten?: unknown } | undefined;
    return socket?.bytesWritten === 0;
  }
  return false;
}

/** A TLS problem, for the words. */
function isTlsCode(code: string): boolean {
  return code.startsWith('CERT_') || code.includes('TLS') || code.includes('SSL') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'SELF_SIGNED_CERT_IN_CHAIN';
}

/**
 * Certificate checks fail during the handshake, before a byte of the request is written. Other TLS
 * errors (a bad record, an alert) can come after the request went out: those may have landed.
 */
function isCertificateCode(code: string): boolean {
  return code.startsWith('CERT_') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' || code === 'ERR_TLS_CERT_ALTNAME_INVALID';
}

/** undici wraps the system error: `TypeError('fetch failed', { cause: { code } })`. This finds the one with the code. */
function systemError(error: unknown): Record<string, unknown> | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (typeof (current as { code?: unknown }).code === 'string') return current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  return systemError(error)?.code as string | undefined;
}

/** A field of the error that carries `code` (its syscall, its socket). */
function errorField(error: unknown, field: string): unknown {
  return systemError(error)?.[field];
}
