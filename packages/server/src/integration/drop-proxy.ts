import { startRoundRobinProxy } from "../testing/round-robin-proxy.ts";
import { later } from "./harness.ts";

/**
 * A TCP proxy on loopback in front of a server, whose `drop()` cuts every connection through it as a network
 * failure would (the client sees a transport close, not a server disconnect) while still accepting new ones.
 */
export async function dropProxy(target: string): Promise<{ url: string; drop(): void }> {
  const proxy = await startRoundRobinProxy([Number(new URL(target).port)]);
  later(() => proxy.close());
  return { url: `http://127.0.0.1:${proxy.port}/`, drop: () => proxy.drop() };
}
