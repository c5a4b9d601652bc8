import { Blocks, Button, listener, Textbox } from "@blockwork/core";

const word = Textbox({ label: "Word", placeholder: "hello" });
const result = Textbox({ label: "Result" });

// A batch listener: one call takes the words of up to 4 waiting users (one array per input) and returns one
// array per output, in the same order. The queue splits the results back per user.
const shout = listener(
  async function shout(words: string[]) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return [words.map((w) => `${w.toUpperCase()}! (one call for ${words.length})`)] as [string[]];
  },
  { inputs: [word], outputs: [result], batch: true, maxBatchSize: 4, batchWaitMs: 500 },
);

export default (
  <Blocks title="Batch">
    {"# Batching\nJobs of several users that wait together run as **one** call (`batch: true`, `maxBatchSize: 4`, `batchWaitMs: 500`)."}
    {word}
    <Button variant="primary" onClick={shout}>
      Shout
    </Button>
    {result}
  </Blocks>
);
