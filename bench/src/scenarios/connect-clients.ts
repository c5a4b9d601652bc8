import { split } from "../processes/generator-pool.ts";
import type { BenchContext } from "./context.ts";

/** Connects `clients` Blockwork clients to `url`, spread over the generators, each with its index offset. */
export async function connectClients(context: BenchContext, url: string, clients: number): Promise<void> {
  const shares = split(clients, context.pool.size);
  const offsets = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
  await context.pool.all((g, i) =>
    g.remote.connectBlockwork({ url, count: shares[i]!, offset: offsets[i]!, parallel: context.sizes.connectParallel }, 300_000),
  );
}
