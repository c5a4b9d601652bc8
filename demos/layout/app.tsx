import {
  Accordion,
  Blocks,
  Button,
  Checkbox,
  ClearButton,
  Column,
  Dropdown,
  Examples,
  Group,
  Image,
  Json,
  Label,
  listener,
  Markdown,
  NumberBox,
  Radio,
  Row,
  Slider,
  State,
  Tab,
  Tabs,
  Textbox,
  type FileValue,
  type JsonValue,
  type LabelValue,
} from "@blockwork/core";

const text = Textbox({ label: "Text", value: "hello" });
const notes = Textbox({ label: "Notes", lines: 3, placeholder: "Several lines…" });
const amount = NumberBox({ label: "Amount", value: 3 });
const level = Slider({ label: "Level", minimum: 0, maximum: 10, step: 1, value: 5 });
const enabled = Checkbox({ label: "Enabled", value: true });
const color = Dropdown({ label: "Color", choices: ["red", "green", "blue"], value: "green" });
const tags = Dropdown({ label: "Tags", choices: ["fast", "cheap", "good"], multiselect: true, value: ["fast"] });
const size = Radio({ label: "Size", choices: ["S", "M", "L"], value: "M" });
const picture = Image({ label: "Picture" });

const summary = Json({ label: "Summary" });
const verdict = Label({ label: "Verdict" });
const rendered = Markdown({ label: "Rendered" });
const runs = NumberBox({ label: "Runs this session" });
const counter = State(0);

function summarize(
  t: string,
  n: string,
  a: number,
  l: number,
  e: boolean,
  c: string | null,
  g: string[],
  s: string | null,
  p: FileValue | null,
  count: number,
): [JsonValue, LabelValue, string, number, number] {
  const total = count + 1;
  const confidences = { [c ?? "none"]: 0.6, [s ?? "none"]: 0.3, other: 0.1 };
  return [
    { text: t, notes: n, amount: a, level: l, enabled: e, color: c, tags: g, size: s, hasPicture: p !== null },
    confidences,
    `**${t}** × ${a} at level ${l}${e ? "" : " (disabled)"} — tags: ${g.join(", ") || "none"}`,
    total,
    total,
  ];
}

const run = listener(summarize, {
    inputs: [text, notes, amount, level, enabled, color, tags, size, picture, counter],
    outputs: [summary, verdict, rendered, runs, counter],
  apiName: "summarize",
});

export default (
  <Blocks title="Every component">
    {"# Every component\nEach input, layout and output of Blockwork on one page."}
    <Tabs>
      <Tab label="Inputs">
        <Row>
          <Column scale={2}>
            {text}
            {notes}
            <Group>
              {amount}
              {level}
            </Group>
          </Column>
          <Column>
            {enabled}
            {color}
            {tags}
            {size}
          </Column>
        </Row>
        <Accordion label="Picture" open={false}>
          {picture}
        </Accordion>
        <Examples inputs={[text, amount, color]} examples={[["hi", 1, "red"], ["bye", 7, "blue"]]} />
        <Row>
          <Button variant="primary" onClick={run}>
            Summarize
          </Button>
          <ClearButton components={[text, notes, amount]}>Clear</ClearButton>
        </Row>
      </Tab>
      <Tab label="About">{"Blockwork renders any app from its JSON config."}</Tab>
    </Tabs>
    <Row>
      {summary}
      <Column>
        {verdict}
        {rendered}
        {runs}
      </Column>
    </Row>
  </Blocks>
);
