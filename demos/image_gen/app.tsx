import { Blocks, Button, Column, Image, Row, Textbox } from "@blockwork/core";
import { drawPrompt } from "./draw-prompt.ts";

const prompt = Textbox({ label: "Prompt", placeholder: "A lighthouse at dawn" });
const image = Image({ label: "Result", height: 320 });

/** Stands in for an expensive model: about 2 s of "GPU time", then a picture that depends only on the prompt. */
async function imageGen(text: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return drawPrompt(text);
}

export default (
  <Blocks title="Image generator">
    {"# Image generator\nUp to **5** images are generated at once; everyone else waits in the queue."}
    <Row>
      <Column>
        {prompt}
        <Button variant="primary" onClick={imageGen} inputs={[prompt]} outputs={[image]} concurrencyLimit={5}>
          Generate
        </Button>
      </Column>
      <Column>{image}</Column>
    </Row>
  </Blocks>
);
