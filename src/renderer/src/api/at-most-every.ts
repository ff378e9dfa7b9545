/**
 * Runs `run` after a poke, at most once every `ms`: the first poke after a quiet spell at once (on the
 * next tick), pokes meanwhile folded into one run when the interval is up, so the last is never lost.
 */
export function atMostEvery(ms: number, run: () => void, now: () => number = Date.now): { poke: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  return {
    poke: () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        last = now();
        run();
      }, Math.max(0, last + ms - now()));
    },
    stop: () => clearTimeout(timer),
  };
}
