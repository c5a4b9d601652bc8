import { Blocks, Button, Row, Textbox, type AnyComponent } from "@blockwork/core";
import { sleep } from "../clock.ts";
import type { JobRecorder } from "../servers/job-recorder.ts";
import { jobOutput } from "./job-output.ts";

export interface SharedQueueAppOptions {
  /** Set on the first listener only, as in the guide's `gpu_queue`: the others inherit it through the id. */
  readonly limit: number;
  readonly jobMs: number;
}

/** The three listeners' API names. */
export const SHARED_APIS = ["model1", "model2", "model3"] as const;

/** Scenario 4: three listeners on one `concurrencyId`, like Gradio's three models on two GPUs. */
export function sharedQueueApp(recorder: JobRecorder, options: SharedQueueAppOptions): AnyComponent {
  const prompt = Textbox({ label: "Prompt" });
  const result = Textbox({ label: "Result" });
  const model = (api: string) => (text: string) =>
    recorder.run(text, api, async () => {
      await sleep(options.jobMs);
      return jobOutput(api, text);
    });
  const [first, second, third] = SHARED_APIS;
  return (
    <Blocks title="bench: shared queue">
      {prompt}
      <Row>
        <Button onClick={model(first)} inputs={[prompt]} outputs={[result]} concurrencyLimit={options.limit} concurrencyId="gpu" apiName={first}>
          Model 1
        </Button>
        <Button onClick={model(second)} inputs={[prompt]} outputs={[result]} concurrencyId="gpu" apiName={second}>
          Model 2
        </Button>
        <Button onClick={model(third)} inputs={[prompt]} outputs={[result]} concurrencyId="gpu" apiName={third}>
          Model 3
        </Button>
      </Row>
      {result}
    </Blocks>
  );
}
