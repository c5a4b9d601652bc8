import { Client as SocketClient } from "@blockwork/client";
import { Client as GradioClient } from "@gradio/client";
import { jobOutput } from "../apps/job-output.ts";
import { now, sleep } from "../clock.ts";
import { connectInBatches } from "./connect-in-batches.ts";
import type { DoorName } from "./door.ts";
import { gradioCall } from "./gradio-call.ts";
import { newObservation, observe, type JobObservation } from "./job-observation.ts";
import { restCall } from "./rest-call.ts";

/** A client of one door. REST has no connection of its own: each call is two requests on Node's fetch pool. */
type DoorClient = { readonly door: "socket"; readonly client: SocketClient } | { readonly door: "gradio"; readonly client: GradioClient } | { readonly door: "rest" };

/** A job as its client saw it, with the door it came through. */
export interface DoorObservation extends JobObservation {
  readonly door: DoorName;
  /** Global index of the client: the order in which the joins were sent. */
  readonly index: number;
}

/** What a closed loop of jobs through one door did. */
export interface DoorLoopResult {
  readonly completed: number;
  readonly latencies: Float64Array;
  /** Jobs that failed or returned another job's output; the first one's code. */
  readonly wrong: number;
  readonly firstWrong: string | null;
}

/** This generator's share of issue 12's API clients: each client (counted over every generator) has a door. */
export class ApiClients {
  #url = "";
  #offset = 0;
  #clients: DoorClient[] = [];

  /** Client i (global index `offset + i`) uses `doors[(offset + i) mod doors.length]`. */
  async connect(url: string, count: number, offset: number, doors: readonly DoorName[], parallel: number): Promise<void> {
    this.close();
    this.#url = url;
    this.#offset = offset;
    this.#clients = await connectInBatches(count, parallel, async (i): Promise<DoorClient> => {
      const door = doors[(offset + i) % doors.length]!;
      switch (door) {
        case "socket":
          return { door, client: await SocketClient.connect(url, { timeoutMs: 60_000 }) };
        case "gradio":
          return { door, client: await retryNetworkErrors(() => GradioClient.connect(url, { events: ["data", "status"] })) };
        case "rest":
          return { door };
      }
    });
  }

  /**
   * Client with global index k sends its one job at `startAt + k * gapMs`, so that joins through the three doors
   * interleave in a known order, and follows it to its end.
   */
  async submitPaced(startAt: number, gapMs: number, api: string, tag: string): Promise<DoorObservation[]> {
    return Promise.all(
      this.#clients.map(async (client, i) => {
        const index = this.#offset + i;
        await sleep(Math.max(0, startAt + index * gapMs - now()));
        const observation: DoorObservation = { ...newObservation(`${tag}-${index}`, api), door: client.door, index };
        await this.#call(client, api, observation);
        return observation;
      }),
    );
  }

  /** Every client runs jobs one after another until this generator has started `jobs` in all. */
  async loop(jobs: number, api: string, tag: string): Promise<DoorLoopResult> {
    let started = 0;
    let wrong = 0;
    let firstWrong: string | null = null;
    const latencies: number[] = [];
    await Promise.all(
      this.#clients.map(async (client, i) => {
        for (let seq = 0; started < jobs; seq++) {
          started++;
          const observation = newObservation(`${tag}-${this.#offset + i}-${seq}`, api);
          await this.#call(client, api, observation);
          if (observation.outcome === "complete" && observation.outputOk) {
            latencies.push(observation.endAt! - observation.submitAt);
          } else {
            wrong++;
            firstWrong ??= `${observation.id}: ${observation.outcome} ${observation.errorCode ?? "(wrong output)"}`;
          }
        }
      }),
    );
    return { completed: latencies.length, latencies: Float64Array.from(latencies), wrong, firstWrong };
  }

  #call(client: DoorClient, api: string, observation: JobObservation): Promise<void> {
    const expected = jobOutput(api, observation.id);
    switch (client.door) {
      case "socket": {
        const job = client.client.submit(api, [observation.id]);
        void job.joined.then(() => (observation.joinedAt ??= now()));
        return observe(job, observation, expected);
      }
      case "gradio":
        return gradioCall(client.client, api, observation.id, observation, expected);
      case "rest":
        return restCall(this.#url, api, observation.id, observation, expected);
    }
  }

  close(): void {
    for (const client of this.#clients) if (client.door !== "rest") client.client.close();
    this.#clients = [];
  }
}

/**
 * Runs `open` again after a network error, up to 3 times. On a loaded machine the generator's keep-alive timer can
 * fire late, so that fetch reuses a pooled connection the server's idle timer has just closed ("other side closed").
 * Only for connecting, which is not measured; a job's requests are never retried.
 */
async function retryNetworkErrors<T>(open: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (attempt >= 3 || !(error instanceof TypeError) || error.message !== "fetch failed") throw error;
    }
  }
}
