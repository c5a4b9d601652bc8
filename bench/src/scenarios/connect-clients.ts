import { split } from "../processes/generator-pool.ts";
import type { BenchContext } from "./context.ts";

/**
 * Connects `clients` Blockwork clients, spread over the first `generators` generators (the others get none), each
 * with its index offset. With several server URLs (processes of one app), client i connects to `url[i mod N]`, as a
 * round-robin balancer would place them.
 */
export async function connectClients(context: BenchContext, url: string | readonly string[], clients: number, generators = context.pool.size): Promise<void> {
  const urls = typeof url === "string" ? [url] : url;
  const used = Math.min(generators, context.pool.size);
  const shares = [...split(clients, used), ...Array<number>(context.pool.size - used).fill(0)];
  const offsets = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
  await context.pool.all((g, i) =>
    g.remote.connectBlockwork({ urls, count: shares[i]!, offset: offsets[i]!, parallel: context.sizes.connectParallel }, 300_000),
  );
}
