import { Client, type JobEvent } from "@blockwork/client";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { launch, type LaunchedApp, type LaunchOptions } from "../index.ts";
import type { Logger } from "../logger.ts";

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Launches `app` on 127.0.0.1, port 0, with a logger that keeps its lines; closed after the test. */
export async function serve(app: unknown, options: LaunchOptions = {}): Promise<{ url: string; logged: string[]; server: LaunchedApp }> {
  const logged: string[] = [];
  const logger: Logger = {
    error: (message, error) => logged.push(`${message} ${error instanceof Error ? error.message : String(error)}`),
    warn: (message) => logged.push(message),
  };
  // A short grace period: a test that leaves a job running should not wait 10 s to close.
  const server = await launch(app, { port: 0, logger, shutdownGraceMs: 500, ...options });
  cleanups.push(() => server.close());
  return { url: server.url, logged, server };
}

/** Connects a client that is closed after the test. */
export async function connect(url: string, sessionId?: string, auth?: readonly [string, string]): Promise<Client> {
  const client = await Client.connect(url, { ...(sessionId === undefined ? {} : { sessionId }), ...(auth === undefined ? {} : { auth }) });
  cleanups.push(() => client.close());
  return client;
}

export function later(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every event of a job, until it ends. */
export async function collect(job: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const event of job) events.push(event);
  return events;
}

/** Follows a job's events as they come: `events` fills live, `done` resolves when the job ends. */
export function track(job: AsyncIterable<JobEvent>): { events: JobEvent[]; done: Promise<JobEvent[]> } {
  const events: JobEvent[] = [];
  const done = (async () => {
    for await (const event of job) events.push(event);
    return events;
  })();
  return { events, done };
}

/**
 * Start and end records that handlers keep. Concurrency is read from their order, never from wall-clock
 * totals, so the assertions hold on a slow machine.
 */
export class Recorder {
  readonly events: { readonly type: "start" | "end"; readonly label: string }[] = [];

  start(label: string): void {
    this.events.push({ type: "start", label });
  }

  end(label: string): void {
    this.events.push({ type: "end", label });
  }

  /** Runs `work` between a start and an end record. */
  async around<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.start(label);
    try {
      return await work();
    } finally {
      this.end(label);
    }
  }

  /** The most jobs that were running at once (optionally only those whose label passes `filter`). */
  maxConcurrent(filter: (label: string) => boolean = () => true): number {
    let running = 0;
    let max = 0;
    for (const e of this.events) {
      if (!filter(e.label)) continue;
      running += e.type === "start" ? 1 : -1;
      max = Math.max(max, running);
    }
    return max;
  }

  started(): string[] {
    return this.events.filter((e) => e.type === "start").map((e) => e.label);
  }

  hasStarted(label: string): boolean {
    return this.events.some((e) => e.type === "start" && e.label === label);
  }
}

/** A gate handlers wait at until the test opens it. */
export class Latch {
  #open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.#open = resolve));

  open(): void {
    this.#open();
  }
}

/** Resolves once `condition` holds, polling briefly; fails after `timeoutMs`. For waiting on the server's side. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

/** A new, empty folder to give an app as its `cacheDir`. */
export function tempCacheDir(): string {
  return mkdtempSync(join(tmpdir(), "blockwork-cache-test-"));
}

/** The file cache's entries (an id folder and its metadata for each file), without its `.owner`/`.shared` marks. */
export function cachedEntries(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith("."));
}
