// Renews one process's lease from a worker thread, on a Redis connection of its own: a handler that blocks the
// main event loop for longer than the lease must not lose its slot to another process. Plain JavaScript, so
// that the thread starts without a TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { Redis } from "ioredis";

// The lease runs out `leaseMs` after the last renewal, as Redis's own clock tells (processes' clocks may differ).
const RENEW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], string.format('%.0f', now + tonumber(ARGV[2])), ARGV[1])
return 1`;

const { url, procsKey, processId, leaseMs } = workerData;
const redis = new Redis(url, { enableOfflineQueue: false, lazyConnect: true, autoResendUnfulfilledCommands: false });
redis.on("error", () => {}); // A failed renewal is retried at the next tick; the lease covers three of them.
const renew = () => redis.eval(RENEW, 1, procsKey, processId, leaseMs);

try {
  await redis.connect();
  await renew();
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}
setInterval(() => {
  renew().catch((error) => parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) }));
}, Math.max(1, Math.floor(leaseMs / 3)));
