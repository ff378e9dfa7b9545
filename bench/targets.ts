/**
 * One checked figure: a measurement beside its floor from the same run, and the ratio (or absolute
 * value) an issue set as its target. `npm run bench` collects these, prints one table and exits
 * non-zero when any target is missed; `npm run bench:smoke` applies `smokeLimit` (slack for a loaded
 * CI machine) so that a 2× regression fails while noise does not.
 */
export interface Figure {
  /** What is measured, e.g. "Start-up at 1,000,000 entries". */
  name: string;
  /** The measurement, in `unit`. */
  value: number;
  /** The floor measured in the same run (null when the target is absolute). */
  floor: number | null;
  unit: 'ms' | 'MB' | 'KB' | '×' | '%' | 'count';
  /** Compared against value / floor when a floor exists, else against value. */
  limit: number;
  /**
   * The limit used by the smoke run; defaults to 2 × limit. Null: printed but not checked in a smoke
   * run (a figure a loaded machine's scheduler dominates, such as a p99 of wall times).
   */
  smokeLimit?: number | null;
  /** Higher is better (e.g. a share of a budget); default: lower is better. */
  higherIsBetter?: boolean;
}

const collected: Figure[] = [];

/** Records a figure for the summary and returns whether it meets its target. */
export function check(figure: Figure): boolean {
  collected.push(figure);
  return meets(figure, figure.limit);
}

export function measured(figure: Figure): number {
  return figure.floor === null ? figure.value : figure.value / figure.floor;
}

function meets(figure: Figure, limit: number): boolean {
  const value = measured(figure);
  return figure.higherIsBetter ? value >= limit : value <= limit;
}

const fixed = (value: number) => (Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(3));

/** Prints every figure collected so far and returns how many missed (limit, or the smoke limit). */
export function summarizeTargets(smoke: boolean): number {
  console.log(`\n## Targets${smoke ? ' (smoke: with slack for a loaded machine)' : ''}`);
  console.log('| figure | value | floor (same run) | ratio | target | result |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  let missed = 0;
  for (const figure of collected) {
    const limit = smoke ? (figure.smokeLimit === undefined ? (figure.higherIsBetter ? figure.limit / 2 : figure.limit * 2) : figure.smokeLimit) : figure.limit;
    const ok = limit === null || meets(figure, limit);
    if (!ok) missed += 1;
    const ratio = figure.floor === null ? '—' : `${(figure.value / figure.floor).toFixed(2)}×`;
    const comparison = figure.higherIsBetter ? '≥' : '≤';
    const target = limit === null ? 'not checked in smoke' : `${comparison} ${limit}${figure.floor === null ? ` ${figure.unit}` : '×'}`;
    const floor = figure.floor === null ? '—' : `${fixed(figure.floor)} ${figure.unit}`;
    console.log(`| ${figure.name} | ${fixed(figure.value)} ${figure.unit} | ${floor} | ${ratio} | ${target} | ${ok ? 'met' : '**missed**'} |`);
  }
  return missed;
}
