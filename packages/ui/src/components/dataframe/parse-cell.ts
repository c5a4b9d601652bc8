import { cellFits, type Cell, type ColumnType } from "@blockwork/core";

/** What the user typed into a cell, as its column's type; an error sentence when it isn't one. Empty is `null`. */
export function parseCell(text: string, type: ColumnType): { readonly ok: true; readonly cell: Cell } | { readonly ok: false; readonly error: string } {
  const trimmed = text.trim();
  if (trimmed === "" && type !== "str") return { ok: true, cell: null };
  switch (type) {
    case "number": {
      const n = Number(trimmed);
      return Number.isFinite(n) ? { ok: true, cell: n } : { ok: false, error: "Enter a number" };
    }
    case "bool":
      if (/^(true|yes|1)$/i.test(trimmed)) return { ok: true, cell: true };
      if (/^(false|no|0)$/i.test(trimmed)) return { ok: true, cell: false };
      return { ok: false, error: "Enter true or false" };
    case "date":
      return cellFits(trimmed, "date") ? { ok: true, cell: trimmed } : { ok: false, error: "Enter a date as YYYY-MM-DD" };
    case "str":
      return { ok: true, cell: text };
  }
}
