import { Worker } from "node:worker_threads";

export interface LeaseRenewalOptions {
  readonly url: string;
  /** The app's key base (`AppKeys.base`). */
  readonly keyBase: string;
  readonly processId: string;
  readonly leaseMs: number;
  /** A renewal failed (Redis away): the next one retries, and the lease covers three periods. */
  readonly onError?: (error: Error) => void;
}

export interface LeaseRenewal {
  stop(): Promise<void>;
}

/**
 * Keeps this process's lease alive every third of the lease, from a worker thread with a connection of its own,
 * so that a handler blocking the main event loop (for longer than the lease) keeps its slot. Resolves after the
 * first renewal, so the process is registered before it claims.
 */
export async function startLeaseRenewal(options: LeaseRenewalOptions): Promise<LeaseRenewal> {
  const worker = new Worker(new URL("./lease-worker.mjs", import.meta.url), {
    workerData: { url: options.url, procsKey: `${options.keyBase}procs`, processId: options.processId, leaseMs: options.leaseMs },
  });
  // Never what keeps a process alive: the main thread's own work does that.
  worker.unref();
  const first = await new Promise<{ type: string; message?: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  if (first.type !== "ready") {
    await worker.terminate();
    throw new Error(`could not take a lease: ${first.message ?? first.type}`);
  }
  worker.on("message", (message: { type: string; message?: string }) => {
    if (message.type === "error") options.onError?.(new Error(message.message));
  });
  worker.on("error", (error) => options.onError?.(error));
  return {
    // Terminated outright: its connection closes with it, and the lease simply runs out.
    async stop() {
      await worker.terminate();
    },
  };
}
