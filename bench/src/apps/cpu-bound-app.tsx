import { Blocks, Button, Textbox, type AnyComponent } from "@blockwork/core";
import type { JobRecorder } from "../servers/job-recorder.ts";
import { busyLoop } from "./busy-loop.ts";
import { jobOutput } from "./job-output.ts";

export interface CpuBoundAppOptions {
  /** Iterations of `busyLoop` per job, calibrated by the parent to the intended CPU time. */
  readonly iterations: number;
}

/** API name of the app's one listener. */
export const CPU_API = "spin";

/** One listener, no limit, whose handler computes synchronously: the event loop is blocked for each job's whole run. */
export function cpuBoundApp(recorder: JobRecorder, options: CpuBoundAppOptions): AnyComponent {
  const input = Textbox({ label: "Input" });
  const output = Textbox({ label: "Output" });
  const spin = (text: string) =>
    recorder.runSync(text, CPU_API, () => {
      busyLoop(options.iterations);
      return jobOutput(CPU_API, text);
    });
  return (
    <Blocks title="bench: CPU-bound job">
      {input}
      <Button onClick={spin} inputs={[input]} outputs={[output]} concurrencyLimit={null} apiName={CPU_API}>
        Spin
      </Button>
      {output}
    </Blocks>
  );
}
