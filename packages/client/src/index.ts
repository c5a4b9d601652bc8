// Connecting and running jobs
export { Client } from "./client.ts";
export { Job } from "./job.ts";
export { JobError } from "./job-events.ts";
export { ERROR_CODES } from "@blockwork/core";

export type { ConnectOptions, SubmitOptions } from "./client.ts";
export type {
  AlertEvent,
  CompleteEvent,
  ErrorEvent,
  JobEvent,
  PartialEvent,
  ProgressEvent,
  QueuedEvent,
  StartedEvent,
} from "./job-events.ts";
export type { ErrorCode } from "@blockwork/core";
