/** What a path told the user about one event. */
export type Reported = 'delivered' | 'unknown' | 'queued' | 'failed' | 'rejected';

interface Cell {
  path: string;
  fault: string;
  reported: Reported;
  stored: number;
  /** For a many-item cell: how many items it had. */
  items?: number;
  twice?: number;
  lost?: number;
  unknown?: number;
}

const cells: Cell[] = [];

export function recordCell(cell: Cell): void {
  cells.push(cell);
}

/** Prints the matrix's totals in the test output (the issue asks for them in CI's log). */
export function reportTotals(): void {
  if (cells.length === 0) return;
  const single = cells.filter((cell) => cell.twice === undefined);
  const mixed = cells.filter((cell) => cell.twice !== undefined);
  const faults = single.filter((cell) => cell.fault !== 'no fault').length + mixed.reduce((sum, cell) => sum + Number.parseInt(cell.fault, 10), 0);
  const items = single.length + mixed.reduce((sum, cell) => sum + (cell.items ?? 0), 0);
  const twice = single.filter((cell) => cell.stored > 1).length + mixed.reduce((sum, cell) => sum + (cell.twice ?? 0), 0);
  const lost = single.filter((cell) => cell.reported === 'delivered' && cell.stored !== 1).length + mixed.reduce((sum, cell) => sum + (cell.lost ?? 0), 0);
  const unknown = single.filter((cell) => cell.reported === 'unknown').length + mixed.reduce((sum, cell) => sum + (cell.unknown ?? 0), 0);
  const lines = [
    `Fault matrix: ${new Set(cells.map((cell) => cell.path)).size} paths · ${items} items · ${faults} faults · stored twice ${twice} · lost ${lost} · unknown ${unknown}`,
    ...single.map((cell) => `  ${cell.path.padEnd(14)} ${cell.fault.padEnd(30)} → ${cell.reported.padEnd(9)} stored ${cell.stored}`),
    ...mixed.map((cell) => `  ${cell.path}: ${cell.fault}, ${cell.stored} stored, twice ${cell.twice}, lost ${cell.lost}, unknown ${cell.unknown}`),
  ];
  console.log(lines.join('\n'));
}
