// Serving apps
export { launch } from "./launch.ts";
export { createAppHost } from "./app-host.ts";
export { createLogger } from "./logger.ts";

// The command line, and running it from tests
export { main as runCli } from "./cli/main.ts";
export { spawnCli } from "./testing/spawn-cli.ts";

export type { LaunchOptions, LaunchedApp } from "./launch.ts";
export type { AppHost, AppHostOptions, HostCounters, HostStats } from "./app-host.ts";
export type { AuthOption } from "./security/auth.ts";
export type { Logger } from "./logger.ts";
export type { RunningCli, SpawnCliOptions } from "./testing/spawn-cli.ts";
export type { Clock } from "./queue/clock.ts";
export type { GateEvent, GateRecord } from "./testing/test-gates.ts";
