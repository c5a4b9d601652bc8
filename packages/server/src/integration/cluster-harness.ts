import { startRedisServer, type RedisServer } from "../testing/redis-server.ts";
import { startRoundRobinProxy, type RoundRobinProxy } from "../testing/round-robin-proxy.ts";
import { later, serve } from "./harness.ts";
import type { LaunchOptions } from "../index.ts";

/** A real redis-server for one test, stopped after it. */
export async function redisForTest(): Promise<RedisServer> {
  const redis = await startRedisServer();
  later(() => redis.stop());
  return redis;
}

/**
 * `count` app servers (`app(i)` for the i-th) in this process sharing one Redis, as separate processes would (each its own store,
 * process id, lease and sessions), behind a round-robin proxy with no stickiness. Closed after the test.
 */
export async function serveCluster(app: (index: number) => unknown, count: number, options: LaunchOptions = {}) {
  const redis = await redisForTest();
  const servers = [];
  for (let i = 0; i < count; i++) servers.push(await serve(app(i), { redis: redis.url, ...options }));
  const proxy: RoundRobinProxy = await startRoundRobinProxy(servers.map((s) => s.server.port));
  later(() => proxy.close());
  return { redis, servers, proxy, proxyUrl: `http://127.0.0.1:${proxy.port}/` };
}
