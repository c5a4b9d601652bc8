import { Blocks, Button, Image, Row, Textbox } from "@blockwork/core";
import { drawPrompt } from "../image_gen/draw-prompt.ts";

const prompt = Textbox({ label: "Prompt", placeholder: "A red bicycle" });
const image = Image({ label: "Result", height: 320 });

const fakeModel = (model: number) => async (text: string) => {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return drawPrompt(`${text} (model ${model})`);
};
const imageGen1 = fakeModel(1);
const imageGen2 = fakeModel(2);
const imageGen3 = fakeModel(3);

// Two GPUs shared by three models: one queue, at most 2 jobs at once across all three buttons.
export default (
  <Blocks title="GPU queue">
    {"# Three models, two GPUs\nAll three buttons share one queue (`concurrencyId=\"gpu_queue\"`) that runs **2** jobs at once."}
    {prompt}
    <Row>
      <Button onClick={imageGen1} inputs={[prompt]} outputs={[image]} concurrencyLimit={2} concurrencyId="gpu_queue">
        Generate Image via model 1
      </Button>
      <Button onClick={imageGen2} inputs={[prompt]} outputs={[image]} concurrencyId="gpu_queue">
        Generate Image via model 2
      </Button>
      <Button onClick={imageGen3} inputs={[prompt]} outputs={[image]} concurrencyId="gpu_queue">
        Generate Image via model 3
      </Button>
    </Row>
    {image}
  </Blocks>
);
