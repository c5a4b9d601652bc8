import type { ServerHandlers, ServerSpec, ServerUsage } from "../processes/server-child.ts";
import { spawnChild, type Child } from "../processes/spawn-child.ts";
import type { BenchContext } from "./context.ts";

export interface ServerUnderTest {
  readonly url: string;
  readonly child: Child<ServerHandlers>;
  /** Stops the server; its final usage carries the process's peak RSS. */
  stop(): Promise<ServerUsage>;
}

/**
 * A fresh server child per scenario, so that its peak RSS and CPU time belong to that scenario alone.
 * `name` names its CPU profile's directory when profiling is on.
 */
export async function startServer(context: BenchContext, name: string, spec: ServerSpec, clients: number): Promise<ServerUnderTest> {
  // A directory per server, with Node's own file names: tsx's module-hooks thread writes a profile too, and a
  // fixed name would let it overwrite the main thread's (the one named CPU.….<pid>.0.….cpuprofile).
  const profile = context.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${context.cpuProfileDir}/${name}`] : [];
  const child = await spawnChild<ServerHandlers>({ name: `server (${name})`, entry: "./server-child.ts", nodeArgs: ["--expose-gc", ...profile], openFiles: clients + 256 });
  try {
    const { url } = await child.remote.start(spec);
    return {
      url,
      child,
      async stop() {
        const usage = await child.remote.stop(undefined);
        await child.exited;
        return usage;
      },
    };
  } catch (error) {
    await child.kill();
    throw error;
  }
}

/** CPU seconds the server spent between two usage readings. */
export function cpuSeconds(from: ServerUsage, to: ServerUsage): number {
  return (to.cpuMs - from.cpuMs) / 1000;
}
