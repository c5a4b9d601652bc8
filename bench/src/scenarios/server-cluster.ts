import { startRedisServer, type RedisServer } from "../../../packages/server/src/testing/redis-server.ts";
import type { ServerSpec, ServerUsage } from "../processes/server-child.ts";
import type { JobRecord } from "../servers/job-recorder.ts";
import { redisUsage, type RedisUsage } from "../servers/redis-usage.ts";
import type { BenchContext } from "./context.ts";
import { startServer, type ServerUnderTest } from "./server-under-test.ts";

/** One reading of a cluster: each process's usage, in process order, and its Redis's. */
export interface ClusterUsage {
  readonly servers: readonly ServerUsage[];
  readonly redis: RedisUsage;
}

/** Records of the handlers of one process of a cluster. */
export interface ProcessRecords {
  readonly process: number;
  readonly records: JobRecord[];
}

export interface ServerCluster {
  /** One URL per process, in process order: clients are spread over them. */
  readonly urls: readonly string[];
  usage(): Promise<ClusterUsage>;
  /** Every process's handler records, once their running handlers have returned. */
  records(): Promise<ProcessRecords[]>;
  /** Stops every process, then Redis; resolves with the processes' final usage (their peak RSS). */
  stop(): Promise<ServerUsage[]>;
  /** After a failure: ends whatever is still running. */
  kill(): Promise<void>;
}

/**
 * `processes` server children of the same app on one redis-server of their own (on a free loopback port, persistence
 * off), so that no run sees another's keys. Each process gets the open files of its share of `clients`.
 */
export async function startCluster(context: BenchContext, name: string, spec: ServerSpec & { kind: "blockwork" }, processes: number, clients: number): Promise<ServerCluster> {
  const redis = await startRedisServer();
  const servers: ServerUnderTest[] = [];
  const kill = async () => {
    await Promise.all(servers.map((s) => s.child.kill()));
    await redis.stop();
  };
  try {
    const started = await Promise.allSettled(
      Array.from({ length: processes }, (_, i) => startServer(context, `${name}-p${i}`, { ...spec, redis: redis.url }, Math.ceil(clients / processes))),
    );
    for (const result of started) if (result.status === "fulfilled") servers.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    urls: servers.map((s) => s.url),
    usage: async () => ({ servers: await Promise.all(servers.map((s) => s.child.remote.usage(undefined))), redis: await redisUsage(redis.port) }),
    records: async () => Promise.all(servers.map(async (s, process) => ({ process, records: await s.child.remote.records(undefined) }))),
    stop: () => stopAll(servers, redis),
    kill,
  };
}

async function stopAll(servers: readonly ServerUnderTest[], redis: RedisServer): Promise<ServerUsage[]> {
  try {
    return await Promise.all(servers.map((s) => s.stop()));
  } finally {
    await redis.stop();
  }
}

/** Server CPU seconds between two readings, summed over the processes. */
export function clusterCpuSeconds(from: ClusterUsage, to: ClusterUsage): number {
  return to.servers.reduce((sum, usage, i) => sum + usage.cpuMs - from.servers[i]!.cpuMs, 0) / 1000;
}
