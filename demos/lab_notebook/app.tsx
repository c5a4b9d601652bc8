import {
  Blocks,
  Button,
  CheckboxGroup,
  Code,
  ColorPicker,
  Column,
  Dataframe,
  DateTime,
  Json,
  listener,
  Markdown,
  on,
  Plot,
  Row,
  ScatterPlot,
  type DataframeValue,
  type HandlerContext,
  type JsonValue,
  type PlotRow,
  type PlotSpec,
} from "@blockwork/core";

// A lab notebook: a week of readings to correct by hand, a colour and a date for the report, and a summary with a
// scatter plot; the report's chart is an ECharts option you can edit as JSON and see redrawn.

const readings = Dataframe({
  label: "Readings",
  value: {
    headers: ["day", "temperature (°C)", "humidity (%)", "checked"],
    rows: [
      ["2024-05-06", 18.5, 62, true],
      ["2024-05-07", 21.0, 55, true],
      ["2024-05-08", 19.2, 71, false],
      ["2024-05-09", 23.4, 48, true],
      ["2024-05-10", 25.1, 44, false],
      ["2024-05-11", 22.8, 52, true],
      ["2024-05-12", 17.9, 77, true],
    ],
  },
  datatype: ["date", "number", "number", "bool"],
  height: 300,
  search: false,
});
const color = ColorPicker({ label: "Chart colour", value: "#f97316" });
const reportDate = DateTime({ label: "Report date", value: "2024-05-13T09:00" });
const series = CheckboxGroup({ label: "Series in the chart", choices: ["temperature (°C)", "humidity (%)"], value: ["temperature (°C)"] });

const summary = Json({ label: "Summary" });
const scatter = ScatterPlot({ label: "Humidity against temperature", x: "temperature (°C)", y: "humidity (%)", tooltip: ["day", "temperature (°C)", "humidity (%)"] });
const spec = Code({ label: "Chart option (ECharts JSON, editable)", language: "json", lines: 14, interactive: true });
const chart = Plot({ label: "Report chart", height: 300 });
const note = Markdown();
const picked = Markdown({ value: "_Click a point of the scatter plot to see its reading._" });

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100);

function summarise(table: DataframeValue, colour: string, date: string | null, shown: string[]): [JsonValue, PlotRow[], string] {
  const rows = table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i] ?? null])) as PlotRow);
  const column = (name: string): number[] => rows.map((r) => r[name]).filter((v): v is number => typeof v === "number");
  const option: PlotSpec = {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    xAxis: { type: "category", data: rows.map((r) => String(r.day)) },
    yAxis: { type: "value", scale: true },
    series: shown.map((name, i) => ({ type: "line", name, smooth: true, data: column(name), color: i === 0 ? colour : "#64748b" })),
  };
  return [
    {
      report: date,
      colour,
      days: rows.length,
      checked: rows.filter((r) => r.checked === true).length,
      "mean temperature (°C)": mean(column("temperature (°C)")),
      "mean humidity (%)": mean(column("humidity (%)")),
    },
    rows,
    JSON.stringify(option, null, 2),
  ];
}

function draw(source: string): [PlotSpec | null, string] {
  try {
    const option: unknown = JSON.parse(source);
    if (typeof option !== "object" || option === null || Array.isArray(option)) return [null, "The option must be a JSON object."];
    return [option as PlotSpec, "_Chart drawn from the option above._"];
  } catch (error) {
    return [null, `The option is not valid JSON yet: ${(error as Error).message}`];
  }
}

/** The reading behind a clicked point of the scatter plot. */
function pickPoint(ctx: HandlerContext): string {
  const point = ctx.eventData;
  if (point?.kind !== "point") return "";
  return `You picked **${String(point.value.day)}**: ${String(point.value["temperature (°C)"])} °C at ${String(point.value["humidity (%)"])} % humidity.`;
}

on(spec, "change", listener(draw, { inputs: [spec], outputs: [chart, note], apiName: "draw" }));
on(scatter, "select", listener(pickPoint, { outputs: [picked], apiName: "pick_point" }));

export default (
  <Blocks title="Lab notebook">
    <Markdown>{"# Lab notebook\nCorrect a reading (double-click a cell), pick the report's colour and date, then summarise."}</Markdown>
    <Row>
      <Column scale={2}>{readings}</Column>
      <Column>
        {color}
        {reportDate}
        {series}
        <Button onClick={summarise} inputs={[readings, color, reportDate, series]} outputs={[summary, scatter, spec]}>
          Summarise
        </Button>
      </Column>
    </Row>
    <Row>
      {summary}
      <Column>
        {scatter}
        {picked}
      </Column>
    </Row>
    <Row>
      {spec}
      <Column>
        {chart}
        {note}
      </Column>
    </Row>
  </Blocks>
);
