import { describe, expectTypeOf, test } from "vitest";
import { listener } from "../dsl/listener.ts";
import type { Component } from "../dsl/node.ts";
import type { Cell } from "../protocol/messages.ts";
import { CheckboxGroup } from "./choice.ts";
import { ColorPicker } from "./color-picker.ts";
import { Dataframe, type DataframeValue } from "./dataframe.ts";
import { DateTime } from "./date-time.ts";
import { HighlightedText, type HighlightedTextValue } from "./highlighted-text.ts";
import { BarPlot, Plot, type PlotRow, type PlotSpec } from "./plot.ts";

describe("the rich components' value types", () => {
  const table = Dataframe({ label: "Models" });
  const bars = BarPlot({ x: "family", y: "score" });

  test("each component carries its value type", () => {
    expectTypeOf(table).toEqualTypeOf<Component<DataframeValue>>();
    expectTypeOf(bars).toEqualTypeOf<Component<PlotRow[] | null>>();
    expectTypeOf(Plot()).toEqualTypeOf<Component<PlotSpec | null>>();
    expectTypeOf(CheckboxGroup({ choices: ["a"] })).toEqualTypeOf<Component<string[]>>();
    expectTypeOf(ColorPicker()).toEqualTypeOf<Component<string>>();
    expectTypeOf(DateTime()).toEqualTypeOf<Component<string | null>>();
    expectTypeOf(HighlightedText()).toEqualTypeOf<Component<HighlightedTextValue | null>>();
  });

  test("a table's handler gets { headers, rows } and a select's data narrows by kind", () => {
    listener(
      (value: DataframeValue, ctx) => {
        const event = ctx.eventData;
        if (event?.kind === "cell") {
          expectTypeOf(event.index).toEqualTypeOf<readonly [row: number, column: number]>();
          expectTypeOf(event.row).toEqualTypeOf<readonly Cell[]>();
        } else if (event?.kind === "point") {
          expectTypeOf(event.value).toEqualTypeOf<{ readonly [field: string]: Cell }>();
        } else if (event !== undefined) {
          expectTypeOf(event.index).toEqualTypeOf<number>();
        }
        return [{ family: "Qwen", score: value.rows.length }];
      },
      { inputs: [table], outputs: [bars] },
    );
  });

  test("a wrong value for a table or a plot fails to type-check", () => {
    // @ts-expect-error a Dataframe gives a table, not rows of a plot
    listener((rows: PlotRow[]) => rows, { inputs: [table], outputs: [bars] });
    // @ts-expect-error a plot takes rows of fields, not a table
    listener((value: DataframeValue) => value, { inputs: [table], outputs: [bars] });
  });
});
