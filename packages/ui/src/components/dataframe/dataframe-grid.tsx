import { columnTypes, type Cell, type ColumnType, type DataframeValue } from "@blockwork/core";
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useApp } from "../../app/app-context.ts";
import { useView } from "../../app/use-stores.ts";
import { Block, type RendererProps } from "../block.tsx";
import { controlId, FieldLabel } from "../field-label.tsx";
import { bool, isInteractive, num, str } from "../read-props.ts";
import { parseCell } from "./parse-cell.ts";
import { cellText, nextSort, viewRows, visibleRange, type SortOrder } from "./table-view.ts";
import "./dataframe.css";

const ROW_HEIGHT = 34;
const OVERSCAN = 6;

interface CellAt {
  /** Index into the table's rows (not the view's). */
  readonly row: number;
  readonly column: number;
}

interface Editing extends CellAt {
  readonly text: string;
  readonly error: string | null;
}

/**
 * A table with typed columns, sorting, search and virtual scrolling: only the rows in view (and a few around them)
 * are in the page, so 100,000 rows scroll as smoothly as 10. As an input its cells are editable (double-click,
 * Enter or typing; Enter or leaving the cell commits, Escape cancels); a click selects a cell and fires `select`.
 */
export function DataframeGrid({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const table = useMemo(() => toTable(value, props), [value, props]);
  const types = useMemo(() => columnTypes(props, table.headers.length), [props, table.headers.length]);
  const [sort, setSort] = useState<SortOrder | null>(null);
  const [query, setQuery] = useState("");
  const order = useMemo(() => viewRows(table.rows, types, sort, query), [table.rows, types, sort, query]);
  const [selected, setSelected] = useState<CellAt | null>(null);
  const [editing, setEditingState] = useState<Editing | null>(null);
  // The edit in progress as of now, not as of the last render: Enter commits, and the blur that follows must not.
  const editingNow = useRef<Editing | null>(null);
  const setEditing = (next: Editing | null): void => {
    editingNow.current = next;
    setEditingState(next);
  };
  const refocus = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const label = str(props, "label");
  const editable = isInteractive(props);
  const height = num(props, "height") ?? 400;
  const bodyHeight = height - ROW_HEIGHT;
  const { start, end } = visibleRange(scrollTop, bodyHeight, ROW_HEIGHT, order.length, OVERSCAN);
  const columns = `repeat(${Math.max(1, table.headers.length)}, minmax(110px, 1fr))`;

  const viewIndexOf = (row: number): number => order.indexOf(row);
  const focusCell = (at: CellAt): void => {
    setSelected(at);
    const el = scroller.current;
    const index = viewIndexOf(at.row);
    if (el && index >= 0) {
      const top = index * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_HEIGHT - bodyHeight;
    }
  };

  // Keyboard focus follows the selected cell once it is rendered (after a scroll brought it into view).
  useLayoutEffect(() => {
    if (selected === null || editing !== null) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`[data-cell="${selected.row}:${selected.column}"]`);
    if (cell && (refocus.current || scroller.current?.contains(document.activeElement))) cell.focus({ preventScroll: true });
    refocus.current = false;
  }, [selected, editing, start, end]);

  const select = (at: CellAt): void => {
    focusCell(at);
    const row = table.rows[at.row]!;
    runner.trigger(id, "select", {
      eventData: { kind: "cell", index: [at.row, at.column], value: row[at.column] ?? null, row: [...row], column: table.headers[at.column] ?? "", selected: true },
    });
  };

  const startEditing = (at: CellAt, text?: string): void => {
    if (!editable) return;
    setSelected(at);
    setEditing({ ...at, text: text ?? cellText(table.rows[at.row]![at.column] ?? null), error: null });
  };

  const stopEditing = (): void => {
    refocus.current = true;
    setEditing(null);
  };

  const commit = (): void => {
    const edit = editingNow.current;
    if (edit === null) return;
    const parsed = parseCell(edit.text, types[edit.column] ?? "str");
    if (!parsed.ok) {
      setEditing({ ...edit, error: parsed.error });
      return;
    }
    stopEditing();
    if (parsed.cell === (table.rows[edit.row]![edit.column] ?? null)) return;
    const rows = table.rows.slice();
    const row = rows[edit.row]!.slice();
    row[edit.column] = parsed.cell;
    rows[edit.row] = row;
    runner.edit(id, { headers: table.headers, rows });
  };

  const onCellKey = (e: KeyboardEvent<HTMLDivElement>, at: CellAt): void => {
    const index = viewIndexOf(at.row);
    const move = (rowStep: number, columnStep: number): void => {
      const nextIndex = Math.min(order.length - 1, Math.max(0, index + rowStep));
      const column = Math.min(table.headers.length - 1, Math.max(0, at.column + columnStep));
      e.preventDefault();
      focusCell({ row: order[nextIndex]!, column });
    };
    if (e.key === "ArrowDown") move(1, 0);
    else if (e.key === "ArrowUp") move(-1, 0);
    else if (e.key === "ArrowRight") move(0, 1);
    else if (e.key === "ArrowLeft") move(0, -1);
    else if (e.key === "PageDown") move(Math.floor(bodyHeight / ROW_HEIGHT), 0);
    else if (e.key === "PageUp") move(-Math.floor(bodyHeight / ROW_HEIGHT), 0);
    else if (e.key === " " && !editable) {
      e.preventDefault();
      select(at);
    } else if ((e.key === "Enter" || e.key === "F2") && editable) {
      e.preventDefault();
      startEditing(at);
    } else if (e.key === "Enter") select(at);
    else if (editable && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      startEditing(at, e.key);
    }
  };

  const labelId = controlId(id, "label");
  const shown = order.length === table.rows.length ? `${table.rows.length.toLocaleString("en-US")} rows` : `${order.length.toLocaleString("en-US")} of ${table.rows.length.toLocaleString("en-US")} rows`;
  return (
    <Block id={id} type={type} props={props} style={style}>
      <div className="bw-df-head">
        <FieldLabel id={labelId} label={label} info={str(props, "info")} />
        {bool(props, "search") === false ? null : (
          <input
            className="bw-input bw-df-search"
            type="search"
            placeholder="Search"
            aria-label={`Search ${label ?? "table"}`}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              // Back to the top at once: the scroll event that reports it comes a frame later, and until then the
              // old offset would place the window past the end of the filtered rows.
              if (scroller.current) scroller.current.scrollTop = 0;
              setScrollTop(0);
            }}
          />
        )}
      </div>
      <div
        ref={scroller}
        className="bw-df-scroll"
        role="grid"
        aria-labelledby={label ? labelId : undefined}
        aria-label={label ? undefined : "Table"}
        aria-rowcount={order.length + 1}
        aria-colcount={table.headers.length}
        aria-readonly={!editable}
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="bw-df-row bw-df-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: columns }}>
          {table.headers.map((header, column) => {
            const sorted = sort?.column === column ? sort.direction : undefined;
            return (
              <div key={column} className="bw-df-th" role="columnheader" aria-sort={sorted ?? "none"} data-type={types[column]}>
                <button type="button" className="bw-df-sort" onClick={() => setSort(nextSort(sort, column))}>
                  <span className="bw-df-th-text">{header}</span>
                  <span className="bw-df-sort-mark" aria-hidden="true">
                    {sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : ""}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
        <div className="bw-df-body" role="rowgroup" style={{ height: order.length * ROW_HEIGHT }}>
          {order.slice(start, end).map((rowIndex, i) => {
            const row = table.rows[rowIndex]!;
            const viewIndex = start + i;
            return (
              <div
                key={rowIndex}
                className="bw-df-row"
                role="row"
                aria-rowindex={viewIndex + 2}
                style={{ gridTemplateColumns: columns, transform: `translateY(${viewIndex * ROW_HEIGHT}px)` }}
              >
                {row.map((cell, column) => {
                  const at = { row: rowIndex, column };
                  const isSelected = selected?.row === rowIndex && selected.column === column;
                  if (editing?.row === rowIndex && editing.column === column) {
                    return (
                      <div key={column} className="bw-df-cell bw-df-editing" role="gridcell" aria-colindex={column + 1}>
                        <input
                          className="bw-df-editor"
                          aria-label={`${table.headers[column] ?? ""}, row ${viewIndex + 1}`}
                          aria-invalid={editing.error !== null}
                          title={editing.error ?? undefined}
                          autoFocus
                          value={editing.text}
                          onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
                          onBlur={commit}
                          onKeyDown={(e) => {
                            if (e.key === "Enter") {
                              e.preventDefault();
                              commit();
                            } else if (e.key === "Escape") {
                              e.preventDefault();
                              stopEditing();
                            }
                          }}
                        />
                        {editing.error ? <span className="bw-df-error">{editing.error}</span> : null}
                      </div>
                    );
                  }
                  return (
                    <div
                      key={column}
                      className={`bw-df-cell${isSelected ? " bw-df-selected" : ""}`}
                      role="gridcell"
                      aria-colindex={column + 1}
                      aria-selected={isSelected}
                      data-cell={`${rowIndex}:${column}`}
                      data-type={types[column]}
                      tabIndex={isSelected || (selected === null && viewIndex === 0 && column === 0) ? 0 : -1}
                      onClick={() => select(at)}
                      onDoubleClick={() => startEditing(at)}
                      onKeyDown={(e) => onCellKey(e, at)}
                    >
                      {showCell(cell, types[column] ?? "str")}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <div className="bw-df-foot" aria-live="polite">
        {shown}
      </div>
    </Block>
  );
}

function showCell(cell: Cell, type: ColumnType): string {
  if (type === "bool" && typeof cell === "boolean") return cell ? "✓" : "✗";
  return cellText(cell);
}

/** The value as a table the grid can draw: a malformed one (which the server's checks keep out) shows empty. */
function toTable(value: unknown, props: Readonly<Record<string, unknown>>): DataframeValue {
  const fallback = Array.isArray(props.headers) ? props.headers.filter((h): h is string => typeof h === "string") : [];
  if (typeof value !== "object" || value === null) return { headers: fallback, rows: [] };
  const { headers, rows } = value as { headers?: unknown; rows?: unknown };
  if (!Array.isArray(headers) || !Array.isArray(rows)) return { headers: fallback, rows: [] };
  const names = headers.map((h) => String(h));
  return { headers: names, rows: rows.filter((r): r is Cell[] => Array.isArray(r) && r.length === names.length) };
}
