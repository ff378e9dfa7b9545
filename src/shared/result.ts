/** What every IPC call returns: main never throws across the process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** A failure explained in words, with a stable code the renderer can branch on. */
export interface AppError {
  code: string;
  message: string;
  /** Extra plain-language guidance, e.g. how to unlock the keychain on this OS. */
  hint?: string;
  /** When asking again makes sense (after a rate limit), in milliseconds. */
  retryInMs?: number;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, extra: { hint?: string | undefined; retryInMs?: number } = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...(extra.hint === undefined ? {} : { hint: extra.hint }), ...(extra.retryInMs === undefined ? {} : { retryInMs: extra.retryInMs }) },
});
