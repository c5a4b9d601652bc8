import type { GeneratorHandlers } from "./load-generator.ts";
import { spawnChild, type Child } from "./spawn-child.ts";

/** Splits `total` clients over `parts` generators as evenly as possible. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** The load generators, started once and reused by every scenario. */
export class GeneratorPool {
  private constructor(readonly generators: readonly Child<GeneratorHandlers>[]) {}

  /** `maxClients`: the most clients any scenario puts on the pool (sets each process's open-file limit). */
  static async start(count: number, maxClients: number): Promise<GeneratorPool> {
    const perGenerator = Math.ceil(maxClients / count);
    const generators = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        spawnChild<GeneratorHandlers>({ name: `generator ${i}`, entry: "./load-generator.ts", openFiles: perGenerator + 256 }),
      ),
    );
    return new GeneratorPool(generators);
  }

  get size(): number {
    return this.generators.length;
  }

  /** Runs one command on every generator, with its own argument, and gathers the answers in generator order. */
  all<R>(command: (generator: Child<GeneratorHandlers>, index: number) => Promise<R>): Promise<R[]> {
    return Promise.all(this.generators.map(command));
  }

  async stop(): Promise<void> {
    await Promise.all(this.generators.map((g) => g.kill()));
  }
}
