import {
  BarPlot,
  Blocks,
  Button,
  Chatbot,
  Code,
  Dataframe,
  HighlightedText,
  HTML,
  listener,
  Markdown,
  Row,
  Textbox,
  update,
  type ChatMessage,
  type DataframeValue,
  type HighlightedTextValue,
  type PlotRow,
  type Update,
} from "@blockwork/core";

// Content from strangers (a model's output, a user's upload, a web page) shown by every component that renders
// rich text: each attempt below would run `window.__xss(...)` if it ran at all. The page must show it inert, both
// as the app's initial values and as a handler's output. The browser test checks that nothing ran.

/** Every kind of attempt: script tags, event-handler attributes, `javascript:` links, SVG payloads. */
function attempts(tag: string): string[] {
  return [
    `<script>window.__xss("${tag} script")</script>`,
    `<img src="x" onerror="window.__xss('${tag} img onerror')">`,
    `<a href="javascript:window.__xss('${tag} javascript link')">a javascript: link</a>`,
    `<a href="JaVaScRiPt&colon;window.__xss('${tag} encoded link')">an encoded link</a>`,
    `<svg onload="window.__xss('${tag} svg onload')"><script>window.__xss("${tag} svg script")</script><a href="javascript:window.__xss('${tag} svg link')"><text y="20">svg link</text></a></svg>`,
    `<iframe srcdoc="<script>parent.__xss('${tag} iframe')</script>"></iframe>`,
    `<details open ontoggle="window.__xss('${tag} ontoggle')"><summary>details</summary></details>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss('${tag} mxss')"></style></mglyph></table></mtext></math>`,
  ];
}

const markdownOf = (tag: string): string =>
  [
    `# Untrusted Markdown (${tag})`,
    `[a Markdown javascript: link](javascript:window.__xss("${tag} md link")) and ![an image](javascript:window.__xss("${tag} md image"))`,
    ...attempts(tag),
  ].join("\n\n");

const tableOf = (tag: string): DataframeValue => ({
  headers: [`<img src=x onerror="window.__xss('${tag} header')">`, "value"],
  rows: attempts(tag).map((attempt, i) => [attempt, i]),
});

const rowsOf = (tag: string): PlotRow[] =>
  attempts(tag)
    .slice(0, 4)
    .map((attempt, i) => ({ label: attempt, value: i + 1, group: `<svg onload="window.__xss('${tag} series')">` }));

const chatOf = (tag: string): ChatMessage[] => [
  { role: "user", content: attempts(tag)[0]! },
  { role: "assistant", content: markdownOf(tag) },
];

const spansOf = (tag: string): HighlightedTextValue => attempts(tag).map((attempt, i) => [attempt, i % 2 === 0 ? `<b onmouseover="window.__xss('${tag} label')">tag</b>` : null]);

const label = (what: string): string => `${what} <img src=x onerror="window.__xss('label ${what}')">`;

const markdown = Markdown({ label: label("Markdown"), value: markdownOf("initial") });
const html = HTML({ label: label("HTML"), value: attempts("initial").join("\n") });
const table = Dataframe({ label: label("Dataframe"), value: tableOf("initial"), height: 320 });
const plot = BarPlot({ label: label("BarPlot"), title: `<img src=x onerror="window.__xss('plot title')">`, x: "label", y: "value", color: "group", value: rowsOf("initial") });
const chat = Chatbot({ label: label("Chatbot"), value: chatOf("initial"), height: 320 });
const spans = HighlightedText({ label: label("HighlightedText"), value: spansOf("initial") });
const code = Code({ label: label("Code"), language: "html", value: attempts("initial").join("\n") });
const name = Textbox({ label: label("Textbox"), value: attempts("initial")[1]! });

const show = listener(
  (): [Update<string>, string, DataframeValue, PlotRow[], ChatMessage[], HighlightedTextValue, string, string] => {
    const tag = "output";
    return [
      update({ value: markdownOf(tag), label: label("Markdown (from a handler)") }),
      attempts(tag).join("\n"),
      tableOf(tag),
      rowsOf(tag),
      chatOf(tag),
      spansOf(tag),
      attempts(tag).join("\n"),
      attempts(tag)[4]!,
    ];
  },
  { outputs: [markdown, html, table, plot, chat, spans, code, name], apiName: "output" },
);

export default (
  <Blocks title="Untrusted content">
    <Button onClick={show}>Show a handler's output</Button>
    <Row>
      {markdown}
      {html}
    </Row>
    {table}
    <Row>
      {plot}
      {chat}
    </Row>
    {spans}
    {code}
    {name}
  </Blocks>
);
