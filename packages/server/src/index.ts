// Serving apps
export { launch } from "./launch.ts";
export { createAppHost } from "./app-host.ts";
export { createLogger } from "./logger.ts";

export type { LaunchOptions, LaunchedApp } from "./launch.ts";
export type { AppHost, AppHostOptions, HostCounters, HostStats } from "./app-host.ts";
export type { AuthOption } from "./security/auth.ts";
export type { Logger } from "./logger.ts";
export type { Clock } from "./queue/clock.ts";
export type { GateEvent, GateRecord } from "./testing/test-gates.ts";
