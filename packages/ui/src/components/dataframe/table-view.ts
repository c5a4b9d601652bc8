import type { Cell, ColumnType } from "@blockwork/core";

/** A sort on one column. */
export interface SortOrder {
  readonly column: number;
  readonly direction: "ascending" | "descending";
}

/** A cell as the grid shows it and as search matches it. */
export function cellText(cell: Cell): string {
  return cell === null ? "" : String(cell);
}

function compareCells(a: Cell, b: Cell, type: ColumnType): number {
  if (type === "number" && typeof a === "number" && typeof b === "number") return a - b;
  if (type === "bool" && typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  return cellText(a).localeCompare(cellText(b), undefined, { numeric: true });
}

/**
 * The rows to show, as indexes into `rows`: those with a cell containing `query` (case-insensitive), in `sort`'s
 * order (stable; empty cells last either way), else in the table's own order.
 */
export function viewRows(rows: readonly (readonly Cell[])[], types: readonly ColumnType[], sort: SortOrder | null, query: string): number[] {
  const needle = query.trim().toLowerCase();
  const order: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (needle === "" || rows[i]!.some((cell) => cellText(cell).toLowerCase().includes(needle))) order.push(i);
  }
  if (sort === null) return order;
  const { column, direction } = sort;
  const type = types[column] ?? "str";
  const sign = direction === "ascending" ? 1 : -1;
  return order.sort((i, j) => {
    const a = rows[i]![column] ?? null;
    const b = rows[j]![column] ?? null;
    if (a === null || b === null) return a === b ? i - j : a === null ? 1 : -1;
    return sign * compareCells(a, b, type) || i - j;
  });
}

/** The next sort when a header is clicked: ascending, then descending, then none. */
export function nextSort(current: SortOrder | null, column: number): SortOrder | null {
  if (current?.column !== column) return { column, direction: "ascending" };
  return current.direction === "ascending" ? { column, direction: "descending" } : null;
}

/** The rows to render for a scroll position: the visible ones and `overscan` more on each side. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + viewport) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}
