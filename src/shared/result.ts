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
  /**
   * Which of a code's cases this is (keychain "locked", the thing "not_found"), so the window can say
   * it in its own language; `message` stays the English for the CLI and as the fallback.
   */
  reason?: string;
  /** The values those words need (an id, a name, a time in ms): shown as they are, never translated. */
  params?: Record<string, string | number>;
}

/** The optional parts of an AppError a failure may carry beside its code and message. */
export type AppErrorExtra = { hint?: string | undefined; retryInMs?: number | undefined; reason?: string | undefined; params?: Record<string, string | number> | undefined };

/** The optional parts that are set, and only those (exactOptionalPropertyTypes). */
export function extraParts(extra: AppErrorExtra): Omit<AppError, 'code' | 'message'> {
  return {
    ...(extra.hint === undefined ? {} : { hint: extra.hint }),
    ...(extra.retryInMs === undefined ? {} : { retryInMs: extra.retryInMs }),
    ...(extra.reason === undefined ? {} : { reason: extra.reason }),
    ...(extra.params === undefined ? {} : { params: extra.params }),
  };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, extra: AppErrorExtra = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extraParts(extra) },
});
