import { Client, JobError, type Job } from "@blockwork/client";
import { jobOutput } from "../apps/job-output.ts";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import { connectInBatches } from "./connect-in-batches.ts";
import { newObservation, observe, type JobObservation } from "./job-observation.ts";

/** This generator's share of the real `@blockwork/client` clients, one session (one socket) each. */
export class BlockworkClients {
  #clients: Client[] = [];
  /** Index of this generator's first client among all generators' clients: makes inputs unique in the run. */
  #offset = 0;
  #crowd: { job: Job; observation: JobObservation; done: Promise<void> }[] = [];

  /** Client i (counted over every generator) connects to `urls[i mod urls.length]`. */
  async connect(urls: readonly string[], count: number, offset: number, parallel: number): Promise<void> {
    this.#offset = offset;
    this.#clients = await connectInBatches(count, parallel, (i) => Client.connect(urls[(offset + i) % urls.length]!, { timeoutMs: 60_000 }));
  }

  /** Each client submits one job at `startAt`, to `apis[i % apis.length]`, and follows it to its end. */
  async submitOnce(startAt: number, apis: readonly string[], tag: string): Promise<JobObservation[]> {
    await sleep(Math.max(0, startAt - now()));
    return Promise.all(
      this.#clients.map(async (client, i) => {
        const index = this.#offset + i;
        const api = apis[index % apis.length]!;
        const observation = newObservation(`${tag}-${index}`, api);
        await observe(client.submit(api, [observation.id]), observation, jobOutput(api, observation.id));
        return observation;
      }),
    );
  }

  /**
   * Every client (or the first `clientCount`) predicts in a loop, one job at a time, from `startAt` for
   * `warmupMs + durationMs`; only jobs submitted after the warm-up are counted.
   */
  async predictLoop(
    startAt: number,
    warmupMs: number,
    durationMs: number,
    api: string,
    tag: string,
    clientCount = this.#clients.length,
  ): Promise<{ latencies: Float64Array; errors: number; completed: number; firstError: string | null }> {
    await sleep(Math.max(0, startAt - now()));
    const measureFrom = startAt + warmupMs;
    const until = measureFrom + durationMs;
    const latencies: number[] = [];
    let errors = 0;
    let completed = 0;
    let firstError: string | null = null;
    await Promise.all(
      this.#clients.slice(0, clientCount).map(async (client, i) => {
        for (let seq = 0; now() < until; seq++) {
          const input = `${tag}-${this.#offset + i}-${seq}`;
          const started = now();
          try {
            const [output] = await client.predict(api, [input]);
            check(output === jobOutput(api, input), `${api}(${input}) returned ${JSON.stringify(output)}`);
            completed++;
            if (started >= measureFrom) latencies.push(now() - started);
          } catch (error) {
            if (!(error instanceof JobError)) throw error;
            firstError ??= `${error.code}: ${error.message}`;
            if (started >= measureFrom) errors++;
          }
        }
      }),
    );
    return { latencies: Float64Array.from(latencies), errors, completed, firstError };
  }

  /**
   * Every client submits one job and keeps waiting, one join after the other (each acknowledged before the next
   * is sent), so that the server's arrival order is known: client order, generator after generator. Resolves
   * once each job is queued (or started).
   */
  async crowdJoin(api: string, tag: string): Promise<number> {
    this.#crowd = [];
    for (const [i, client] of this.#clients.entries()) {
      const observation = newObservation(`${tag}-${this.#offset + i}`, api);
      const job = client.submit(api, [observation.id]);
      this.#crowd.push({ job, observation, done: observe(job, observation, jobOutput(api, observation.id)) });
      await job.joined;
      observation.joinedAt = now();
      check(job.id !== null, `crowd: the server refused ${observation.id}`);
    }
    const deadline = now() + 120_000;
    while (this.#crowd.some(({ observation: o }) => o.queuedAt === null && o.startedAt === null && o.endAt === null)) {
      check(now() < deadline, "crowd: some jobs were neither queued nor started within 120 s");
      await sleep(20);
    }
    return this.#crowd.length;
  }

  /**
   * Waits for the crowd's jobs to end by themselves (up to `timeoutMs`; one still running then is `unfinished`), and
   * returns what every client saw.
   */
  async crowdResults(timeoutMs: number): Promise<JobObservation[]> {
    await Promise.race([Promise.all(this.#crowd.map(({ done }) => done)), sleep(timeoutMs)]);
    const observations = this.#crowd.map(({ observation }) => observation);
    this.#crowd = [];
    return observations;
  }

  /** Cancels the crowd's jobs that are still waiting or running, and returns what every client saw. */
  async crowdStop(): Promise<JobObservation[]> {
    await Promise.all(this.#crowd.map(({ job }) => job.cancel()));
    const ended = Promise.all(this.#crowd.map(({ done }) => done));
    await Promise.race([ended, sleep(30_000)]);
    const observations = this.#crowd.map(({ observation }) => observation);
    this.#crowd = [];
    return observations;
  }

  close(): void {
    for (const client of this.#clients) client.close();
    this.#clients = [];
  }
}
