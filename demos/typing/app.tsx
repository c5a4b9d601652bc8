import { Blocks, listener, on, Textbox } from "@blockwork/core";

const text = Textbox({ label: "Text", placeholder: "Type here" });
const stats = Textbox({ label: "Stats" });

// A change listener defaults to triggerMode "always_last": keystrokes while it runs coalesce into one more run,
// with the text as it is when the running job ends.
on(
  text,
  "change",
  listener(
    async function analyze(value: string) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const words = value.trim() === "" ? 0 : value.trim().split(/\s+/).length;
      return `${words} word${words === 1 ? "" : "s"}, ${value.length} characters: "${value}"`;
    },
    { inputs: [text], outputs: [stats] },
  ),
);

export default (
  <Blocks title="Live stats">
    {"# Live stats\nThe analysis runs as you type (`always_last`): never more than one at a time, and always on your latest text."}
    {text}
    {stats}
  </Blocks>
);
