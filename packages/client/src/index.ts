// Connecting and running jobs
export { Client } from "./client.ts";
export { Job } from "./job.ts";
export { JobError } from "./job-events.ts";
export { handleFile } from "./handle-file.ts";
export { ERROR_CODES } from "@blockwork/core";

export type { ConnectOptions, SubmitOptions } from "./client.ts";
export type { FileSource, FileToUpload } from "./handle-file.ts";
export type { FileValue } from "@blockwork/core";
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
