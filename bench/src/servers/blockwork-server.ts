import { buildApp, type AppSpec } from "../apps/app-spec.ts";
import type { JobRecorder } from "./job-recorder.ts";

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the app and serves it with Blockwork's own `launch`, on loopback, on a free port; with `redis`, its queue is
 * the one shared by every process on that Redis.
 */
export async function startBlockworkServer(spec: AppSpec, recorder: JobRecorder, redis?: string): Promise<RunningServer> {
  // Imported here, not at the top: the bare reference server runs in the same kind of child, and its memory
  // baseline must not include Blockwork's modules.
  const { launch } = await import("@blockwork/server");
  const app = await buildApp(spec, recorder);
  return launch(app, { port: 0, host: "127.0.0.1", ...(redis === undefined ? {} : { redis }) });
}
