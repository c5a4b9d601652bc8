import {
  BarPlot,
  Blocks,
  CheckboxGroup,
  Column,
  Dataframe,
  DateTime,
  LinePlot,
  listener,
  Markdown,
  on,
  Row,
  Slider,
  type Cell,
  type DataframeValue,
  type HandlerContext,
  type PlotRow,
} from "@blockwork/core";

// An open-model leaderboard: 10,000 models in a table that sorts, searches and scrolls, filters that ask the server
// for the matching rows, plots of the families' scores, and a click on any cell to see that model's card.

const FAMILIES = ["Falcon", "Llama", "Mistral", "Phi", "Qwen"];
/** How much better each family does than the others at the same size and date. */
const FAMILY_EDGE: Readonly<Record<string, number>> = { Falcon: -6, Llama: 1, Mistral: 3, Phi: -2, Qwen: 5 };
const HEADERS = ["model", "family", "params (B)", "score", "released", "open weights"];

/** The same 10,000 models at every start: a small linear congruential generator, seeded. */
function makeModels(count: number): Cell[][] {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sizes = [0.5, 1, 3, 7, 8, 13, 14, 34, 70, 72];
  return Array.from({ length: count }, (_, i) => {
    const family = FAMILIES[Math.floor(random() * FAMILIES.length)]!;
    const params = sizes[Math.floor(random() * sizes.length)]!;
    const month = Math.floor(random() * 24);
    const released = `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const score = Math.round((28 + 6 * Math.log2(params + 1) + month * 0.5 + FAMILY_EDGE[family]! + random() * 12) * 10) / 10;
    return [`${family.toLowerCase()}-${params}b-${String(i).padStart(5, "0")}`, family, params, score, released, random() > 0.3];
  });
}

const MODELS = makeModels(10_000);

const families = CheckboxGroup({ label: "Families", choices: FAMILIES, value: FAMILIES });
const releasedAfter = DateTime({ label: "Released on or after", includeTime: false, value: "2023-01-01" });
const maxParams = Slider({ label: "At most (billion parameters)", minimum: 1, maximum: 72, step: 1, value: 72 });

const table = Dataframe({
  label: "Models",
  value: { headers: HEADERS, rows: MODELS },
  datatype: ["str", "str", "number", "number", "date", "bool"],
  height: 420,
});

const details = Markdown({ value: "_Click a cell to see that model here._" });

type Model = readonly Cell[];

function matching(picked: string[], after: string | null, most: number): Model[] {
  return MODELS.filter(
    ([, family, params, , released]) => picked.includes(family as string) && (params as number) <= most && (after === null || (released as string) >= after),
  );
}

function meanScores(models: readonly Model[]): PlotRow[] {
  return FAMILIES.flatMap((family) => {
    const scores = models.filter((m) => m[1] === family).map((m) => m[3] as number);
    return scores.length === 0 ? [] : [{ family, "mean score": Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10, models: scores.length }];
  });
}

function bestScores(models: readonly Model[]): PlotRow[] {
  const best = new Map<string, number>();
  for (const m of models) {
    const key = `${m[1] as string}|${(m[4] as string).slice(0, 7)}`;
    best.set(key, Math.max(best.get(key) ?? 0, m[3] as number));
  }
  return [...best].map(([key, score]) => {
    const [family, month] = key.split("|") as [string, string];
    return { family, month: `${month}-01`, "best score": score };
  });
}

function filter(picked: string[], after: string | null, most: number): [DataframeValue, PlotRow[], PlotRow[]] {
  const models = matching(picked, after, most);
  return [{ headers: HEADERS, rows: models.map((m) => [...m]) }, meanScores(models), bestScores(models)];
}

function showModel(ctx: HandlerContext): string {
  const event = ctx.eventData;
  if (event?.kind !== "cell") return "_Click a cell to see that model here._";
  const [model, family, params, score, released, open] = event.row;
  return [
    `### ${String(model)}`,
    `**${String(family)}** family · ${String(params)} B parameters · score **${String(score)}** · released ${String(released)} · ${open ? "open weights" : "closed weights"}`,
    "",
    `You clicked row ${event.index[0] + 1}, column _${event.column}_: \`${String(event.value)}\`.`,
  ].join("\n");
}

const meanByFamily = BarPlot({
  label: "Mean score by family",
  x: "family",
  y: "mean score",
  tooltip: ["family", "mean score", "models"],
  value: meanScores(MODELS),
  height: 280,
});
const bestByMonth = LinePlot({ label: "Best score by month", x: "month", y: "best score", color: "family", value: bestScores(MODELS), height: 280 });

const refilter = listener(filter, { inputs: [families, releasedAfter, maxParams], outputs: [table, meanByFamily, bestByMonth], apiName: "filter" });
on(families, "change", refilter);
on(releasedAfter, "change", refilter);
on(maxParams, "release", refilter);
on(table, "select", listener(showModel, { outputs: [details], apiName: "show_model" }));

export default (
  <Blocks title="Open model leaderboard">
    <Markdown>{"# Open model leaderboard\n10,000 models. Sort by a column's header, search, filter, and click a cell for the model's card."}</Markdown>
    <Row>
      {families}
      {releasedAfter}
      {maxParams}
    </Row>
    {table}
    {details}
    <Row>
      <Column>{meanByFamily}</Column>
      <Column>{bestByMonth}</Column>
    </Row>
  </Blocks>
);
