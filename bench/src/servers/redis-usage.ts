import { connect } from "node:net";

/** What a redis-server has spent so far, from its `INFO`: what the scale-out's queue costs there. */
export interface RedisUsage {
  /** User + system CPU since the server started, ms. */
  readonly cpuMs: number;
  readonly commands: number;
  readonly usedMemory: number;
  /** Calls and time by command (`evalsha`, `publish`, …; the commands scripts run are counted too). */
  readonly byCommand: ReadonlyMap<string, { readonly calls: number; readonly usec: number }>;
}

/**
 * Reads `INFO` from the redis-server on 127.0.0.1:`port` with one inline command over a plain socket: the bench
 * needs a few numbers, not a Redis client (and so no dependency of its own on one). Fails after 5 s.
 */
export function redisUsage(port: number): Promise<RedisUsage> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(5_000, () => socket.destroy(new Error("redis INFO: no answer within 5 s")));
    let reply = "";
    socket.on("data", (chunk) => {
      reply += chunk.toString("latin1");
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (reply.startsWith("-")) socket.destroy(new Error(`redis INFO: ${reply.trim()}`));
      if (!header || reply.length < header[0].length + Number(header[1])) return;
      socket.end();
      const field = (name: string) => {
        const match = new RegExp(`^${name}:([\\d.]+)\\r?$`, "m").exec(reply);
        if (!match) throw new Error(`redis INFO has no ${name}`);
        return Number(match[1]);
      };
      try {
        resolve({
          cpuMs: (field("used_cpu_user") + field("used_cpu_sys")) * 1000,
          commands: field("total_commands_processed"),
          usedMemory: field("used_memory"),
          byCommand: new Map(
            [...reply.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)].map((m) => [m[1]!, { calls: Number(m[2]), usec: Number(m[3]) }]),
          ),
        });
      } catch (error) {
        reject(error);
      }
    });
    socket.on("error", reject);
    socket.write("INFO all\r\n");
  });
}

/** What Redis did between two readings, per job: its CPU, its script calls, and the commands that took it the longest. */
export function redisFigure(before: RedisUsage, after: RedisUsage, jobs: number): string {
  const delta = [...after.byCommand].map(([name, a]) => {
    const b = before.byCommand.get(name);
    return { name, calls: a.calls - (b?.calls ?? 0), usec: a.usec - (b?.usec ?? 0) };
  });
  const scripts = delta.filter((d) => d.name === "evalsha" || d.name === "eval").reduce((sum, d) => sum + d.calls, 0);
  const busiest = delta
    .filter((d) => d.usec > 0)
    .sort((x, y) => y.usec - x.usec)
    .slice(0, 3)
    .map((d) => `${d.name} ${(d.calls / jobs).toFixed(1)} × ${(d.usec / Math.max(d.calls, 1)).toFixed(0)} µs`);
  return (
    `Redis per job: CPU ${((after.cpuMs - before.cpuMs) * 1000 / jobs).toFixed(0)} µs, ${(scripts / jobs).toFixed(1)} script calls, ` +
    `${((after.commands - before.commands) / jobs).toFixed(1)} commands (longest: ${busiest.join(", ") || "—"})`
  );
}

/** Nothing spent: where a sum of readings starts. */
export const NO_REDIS_USAGE: RedisUsage = { cpuMs: 0, commands: 0, usedMemory: 0, byCommand: new Map() };

/** `total` plus what Redis did between `before` and `after`: windows of a run that alternates with idle time. */
export function addRedisUsage(total: RedisUsage, before: RedisUsage, after: RedisUsage): RedisUsage {
  const byCommand = new Map(total.byCommand);
  for (const [name, a] of after.byCommand) {
    const b = before.byCommand.get(name) ?? { calls: 0, usec: 0 };
    const sum = byCommand.get(name) ?? { calls: 0, usec: 0 };
    byCommand.set(name, { calls: sum.calls + a.calls - b.calls, usec: sum.usec + a.usec - b.usec });
  }
  return {
    cpuMs: total.cpuMs + after.cpuMs - before.cpuMs,
    commands: total.commands + after.commands - before.commands,
    usedMemory: after.usedMemory,
    byCommand,
  };
}
