import { read } from 'read';
import { Failure } from '../main/core/index.ts';

/** Ctrl+C at a question: the command undoes what it prepared, then exits 130 with one plain line (main.ts). */
export class Interrupted extends Failure {
  constructor(message = 'Stopped (Ctrl+C).') {
    super('interrupted', message);
  }
}

/** read() rejects with this when Ctrl+C is pressed at its prompt (the terminal is in raw mode then). */
export function isInterrupt(error: unknown): boolean {
  return error instanceof Interrupted || (error instanceof Error && error.message === 'canceled');
}

/**
 * Asks a question on stderr and returns the answer. Ctrl+C becomes Interrupted, whether it comes
 * as a keypress (read's raw mode) or as a signal (kill -INT): the caller can then discard what it
 * prepared instead of the process dying with it half done.
 */
export async function ask(prompt: string): Promise<string> {
  let onSignal = () => {};
  const signalled = new Promise<never>((_resolve, reject) => {
    onSignal = () => {
      // Give the terminal back (raw mode off) and close stdin, so the process can end.
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      process.stdin.destroy();
      reject(new Interrupted());
    };
  });
  process.once('SIGINT', onSignal);
  try {
    return await Promise.race([read({ prompt, output: process.stderr }), signalled]);
  } catch (error) {
    if (isInterrupt(error)) throw error instanceof Interrupted ? error : new Interrupted();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
