import { Blocks, Button, Code, Column, HighlightedText, HTML, Markdown, Row, Textbox, type HighlightedTextValue } from "@blockwork/core";

// A model card as a Hugging Face page would have it: prose with a table, code and formulas, an HTML badge row,
// a copyable snippet, and a small live demo of the model (a toy entity tagger).

const card = `# Tiny-NER v2

A **small** named-entity tagger for English news text: people, places and organisations.
Trained on ~~200k~~ **250k** sentences; see [the paper](https://example.com/tiny-ner) for details.

## Results

| Split | Precision | Recall | $F_1$ |
|:------|----------:|-------:|------:|
| dev   | 0.912     | 0.897  | 0.904 |
| test  | 0.905     | 0.889  | 0.897 |

The score is the harmonic mean of precision $P$ and recall $R$:

$$F_1 = \\frac{2PR}{P + R}$$

## Intended use

- [x] Tagging news articles
- [x] Pre-annotation for human review
- [ ] Medical or legal text (not evaluated)

\`\`\`python
from tiny_ner import Tagger

tagger = Tagger.load("tiny-ner-v2")
for span in tagger("Ada Lovelace met Charles Babbage in London."):
    print(span.text, span.label)  # Ada Lovelace PER …
\`\`\`
`;

const badges = `<div class="badges" style="display:flex;gap:8px;flex-wrap:wrap">
  <span style="padding:2px 10px;border-radius:999px;background:#16a34a;color:#fff;font-size:13px">licence: Apache-2.0</span>
  <span style="padding:2px 10px;border-radius:999px;background:#2563eb;color:#fff;font-size:13px">task: token-classification</span>
  <span style="padding:2px 10px;border-radius:999px;background:#9333ea;color:#fff;font-size:13px">params: 14M</span>
  <a href="https://example.com/tiny-ner/files" style="font-size:13px">Files and versions →</a>
</div>`;

const install = `npm install tiny-ner
npx tiny-ner tag "Grace Hopper joined the Navy in New York."`;

const PEOPLE = ["Ada Lovelace", "Charles Babbage", "Grace Hopper", "Alan Turing", "Katherine Johnson"];
const PLACES = ["London", "New York", "Paris", "Cambridge", "Hampton"];
const ORGS = ["the Navy", "NASA", "the Royal Society", "IBM"];

/** A gazetteer tagger standing in for the model: known names, longest first, labelled where they occur. */
function tag(text: string): HighlightedTextValue {
  const entries = [...PEOPLE.map((n) => [n, "PER"] as const), ...PLACES.map((n) => [n, "LOC"] as const), ...ORGS.map((n) => [n, "ORG"] as const)].sort(
    (a, b) => b[0].length - a[0].length,
  );
  const spans: [string, string | null][] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { at: number; name: string; label: string } | null = null;
    for (const [name, label] of entries) {
      const at = rest.indexOf(name);
      if (at >= 0 && (best === null || at < best.at)) best = { at, name, label };
    }
    if (best === null) {
      spans.push([rest, null]);
      break;
    }
    if (best.at > 0) spans.push([rest.slice(0, best.at), null]);
    spans.push([best.name, best.label]);
    rest = rest.slice(best.at + best.name.length);
  }
  return spans;
}

const sentence = Textbox({ label: "Sentence", value: "Grace Hopper joined the Navy in New York." });
const entities = HighlightedText({ label: "Entities", colorMap: { PER: "#f97316", LOC: "#3b82f6", ORG: "#22c55e" } });

export default (
  <Blocks title="Model card: Tiny-NER v2">
    <Markdown>{card}</Markdown>
    <HTML>{badges}</HTML>
    <Row>
      <Column>
        {Code({ label: "Try it from the command line", language: "shell", value: install, lines: 4, interactive: false })}
      </Column>
    </Row>
    <Row>
      <Column>
        {sentence}
        <Button onClick={tag} inputs={[sentence]} outputs={[entities]}>
          Tag entities
        </Button>
      </Column>
      <Column>{entities}</Column>
    </Row>
  </Blocks>
);
