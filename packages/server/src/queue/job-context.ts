import type { AlertLevel, BatchContext, HandlerContext, JobControls, ProgressMessage, ProgressValue } from "@blockwork/core";
import type { Job } from "./job.ts";

/** Where a handler's reports go: the runtime coalesces progress and sends alerts. */
export interface ReportSink {
  progress(job: Job, message: ProgressMessage): void;
  alert(job: Job, level: AlertLevel, message: string): void;
}

type Report = Omit<ProgressMessage, "type" | "jobId">;

/** A job's `ctx`: its session, request and event data, and the controls that act on it alone. */
export function jobContext(job: Job, sink: ReportSink, slotIndex: number | null): HandlerContext {
  // Assigned onto the controls, not spread: spreading would read the lazy `signal` getter.
  return Object.assign(controls([job], () => job.signal, sink, slotIndex), { session: sessionInfo(job), request: job.request, eventData: job.eventData });
}

function sessionInfo(job: Job): HandlerContext["session"] {
  const { id, username } = job.session;
  return username === undefined ? { id } : { id, username };
}

/** A batch handler's `ctx`: controls that act on every job of the batch, and each job's own context. */
export function batchContext(jobs: readonly Job[], signal: AbortSignal, sink: ReportSink, slotIndex: number | null): BatchContext {
  return Object.assign(controls(jobs, () => signal, sink, slotIndex), { jobs: jobs.map((job) => jobContext(job, sink, slotIndex)) });
}

function controls(jobs: readonly Job[], signalOf: () => AbortSignal, sink: ReportSink, slotIndex: number | null): JobControls {
  const report = (r: Report): void => {
    for (const job of jobs) if (!job.settled) sink.progress(job, { type: "progress", jobId: job.id, ...r });
  };
  const alert = (level: AlertLevel) => (message: string) => {
    for (const job of jobs) if (!job.settled) sink.alert(job, level, String(message));
  };
  return {
    get signal() {
      return signalOf();
    },
    progress(value: ProgressValue, desc?: string) {
      const r = toReport(value, desc);
      if (r) report(r);
    },
    track<T>(items: Iterable<T> | AsyncIterable<T>, desc?: string, total?: number): AsyncIterable<T> {
      return tracked(items, total ?? sizeOf(items), signalOf(), (done, n) =>
        report({ fraction: n === undefined ? null : n > 0 ? Math.min(1, done / n) : 1, done, ...(n === undefined ? {} : { total: n }), ...(desc === undefined ? {} : { desc }) }),
      );
    },
    info: alert("info"),
    warning: alert("warning"),
    success: alert("success"),
    slotIndex,
  };
}

function toReport(value: ProgressValue, desc: string | undefined): Report | null {
  const withDesc = desc === undefined ? {} : { desc: String(desc) };
  if (value === null) return { fraction: null };
  if (typeof value === "number") return Number.isFinite(value) ? { fraction: Math.min(1, Math.max(0, value)), ...withDesc } : null;
  if (Array.isArray(value) && value.length === 2) {
    const [done, total] = value as readonly [number, number];
    if (!Number.isFinite(done) || !Number.isFinite(total)) return null;
    return { fraction: total > 0 ? Math.min(1, Math.max(0, done / total)) : null, done, total, ...withDesc };
  }
  return null;
}

async function* tracked<T>(
  items: Iterable<T> | AsyncIterable<T>,
  total: number | undefined,
  signal: AbortSignal,
  report: (done: number, total: number | undefined) => void,
): AsyncGenerator<T> {
  let done = 0;
  report(done, total);
  for await (const item of items) {
    // A cancelled job's loop stops here rather than working on for nobody.
    signal.throwIfAborted();
    yield item;
    report(++done, total);
  }
}

function sizeOf(items: unknown): number | undefined {
  if (Array.isArray(items)) return items.length;
  if (items instanceof Set || items instanceof Map) return items.size;
  const length = (items as { length?: unknown }).length;
  return typeof length === "number" ? length : undefined;
}
