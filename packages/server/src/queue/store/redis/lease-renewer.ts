import { Redis } from "ioredis";
import { ScriptRunner } from "./script-runner.ts";

export interface LeaseRenewalOptions {
  readonly url: string;
  /** The app's key base (`AppKeys.base`). */
  readonly keyBase: string;
  readonly epochKey: string;
  readonly processId: string;
  readonly leaseMs: number;
  /** A renewal failed (Redis away): the next one retries, and the lease covers three periods. */
  readonly onError?: (error: Error) => void;
}

export interface LeaseRenewal {
  stop(): Promise<void>;
}

/**
 * Keeps this process's lease alive every third of the lease, on a connection of its own. Self-contained (only
 * plain options in, no store object) so that it can move to a worker thread, where a blocked main event loop
 * cannot stop the renewals. Resolves after the first renewal, so the process is registered before it claims.
 */
export async function startLeaseRenewal(options: LeaseRenewalOptions): Promise<LeaseRenewal> {
  const redis = new Redis(options.url, { enableOfflineQueue: false, lazyConnect: true, autoResendUnfulfilledCommands: false });
  redis.on("error", () => {}); // Connection errors surface as failed renewals; ioredis reconnects by itself.
  const scripts = new ScriptRunner(redis);
  const renew = () => scripts.run("renew", [options.epochKey], [options.keyBase, "", options.processId, options.leaseMs]);
  try {
    await redis.connect();
    await renew();
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const timer = setInterval(() => {
    renew().catch((error: Error) => options.onError?.(error));
  }, Math.max(1, Math.floor(options.leaseMs / 3)));
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
