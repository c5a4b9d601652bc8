import { Blocks, Button, Textbox, type AnyComponent } from "@blockwork/core";
import { sleep } from "../clock.ts";
import type { JobRecorder } from "../servers/job-recorder.ts";
import { jobOutput } from "./job-output.ts";

export interface QueuedJobAppOptions {
  /** `null`: no limit. */
  readonly limit: number | null;
  /** How long each job takes (an async sleep, as a model call would); 0 returns at once, synchronously. */
  readonly jobMs: number;
}

/** API name of the app's one listener. */
export const RUN_API = "run";

/** One listener (`run`) with the given limit: scenarios 1 (throughput), 2 (overhead) and 3 (waiting crowd). */
export function queuedJobApp(recorder: JobRecorder, options: QueuedJobAppOptions): AnyComponent {
  const input = Textbox({ label: "Input" });
  const output = Textbox({ label: "Output" });
  const run =
    options.jobMs === 0
      ? (text: string) => {
          recorder.instant(text, RUN_API);
          return jobOutput(RUN_API, text);
        }
      : (text: string) =>
          recorder.run(text, RUN_API, async () => {
            await sleep(options.jobMs);
            return jobOutput(RUN_API, text);
          });
  return (
    <Blocks title="bench: queued job">
      {input}
      <Button onClick={run} inputs={[input]} outputs={[output]} concurrencyLimit={options.limit} apiName={RUN_API}>
        Run
      </Button>
      {output}
    </Blocks>
  );
}
