/** Turns what fetch throws into a sentence a support agent can act on. */
export function describeNetworkError(error: unknown, host: string): string {
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
      return `The connection to ${host} was cut before an answer arrived. The event may or may not have been created.`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Could not connect to ${host} in time. Check your internet connection.`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `There is no network route to ${host}. Are you offline?`;
    default:
      if (code?.startsWith('CERT_') || code?.includes('TLS') || code?.includes('SSL') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')
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

export function provablyUnsent(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NEVER_SENT.has(code);
}

/** undici wraps the system error: `TypeError('fetch failed', { cause: { code } })`. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
