import type { AnyComponent } from "@blockwork/core";
import type { JobRecorder } from "../servers/job-recorder.ts";
import { cpuBoundApp, type CpuBoundAppOptions } from "./cpu-bound-app.tsx";
import { queuedJobApp, type QueuedJobAppOptions } from "./queued-job-app.tsx";
import { sharedQueueApp, type SharedQueueAppOptions } from "./shared-queue-app.tsx";

/** Which app the server child builds: plain data, so that it crosses the IPC channel. */
export type AppSpec =
  | ({ readonly app: "queued-job" } & QueuedJobAppOptions)
  | ({ readonly app: "shared-queue" } & SharedQueueAppOptions)
  | ({ readonly app: "cpu-bound" } & CpuBoundAppOptions)
  /** An app file such as a demo, loaded as the CLI would (its handlers keep no records). */
  | { readonly app: "file"; readonly path: string };

export async function buildApp(spec: AppSpec, recorder: JobRecorder): Promise<AnyComponent> {
  switch (spec.app) {
    case "queued-job":
      return queuedJobApp(recorder, spec);
    case "shared-queue":
      return sharedQueueApp(recorder, spec);
    case "cpu-bound":
      return cpuBoundApp(recorder, spec);
    case "file": {
      const module = (await import(spec.path)) as { default: AnyComponent };
      return module.default;
    }
  }
}
