import type { Client } from "@gradio/client";
import { now } from "../clock.ts";
import type { JobObservation } from "./job-observation.ts";

/**
 * One job through the Gradio door by the real `@gradio/client` (2.7.0, from npm), followed to its end. The client
 * does not expose its join's answer, so `joinedAt` is the first status the server sent (an `estimation` or
 * `process_starts`): later than the join itself, which only makes the FIFO check that reads it more lenient.
 */
export async function gradioCall(client: Client, api: string, input: string, observation: JobObservation, expected: string): Promise<void> {
  let data: unknown[] | null = null;
  for await (const event of client.submit(`/${api}`, [input])) {
    const at = now();
    if (event.type === "data") {
      data = event.data as unknown[];
    } else if (event.type === "status") {
      // The client's own first "pending" (before any request) carries no position and no original message.
      const fromServer = event.position !== undefined || event.original_msg === "process_starts";
      if (fromServer) observation.joinedAt ??= at;
      if (event.original_msg === "process_starts") {
        observation.startedAt = at;
      } else if (event.stage === "pending" && event.position !== undefined) {
        observation.queuedAt ??= at;
        observation.positions.push(at, event.position);
      } else if (event.stage === "complete" || event.stage === "error") {
        observation.endAt = at;
        observation.outcome = event.stage;
        if (event.stage === "error") observation.errorCode = typeof event.message === "string" ? event.message : "error";
        else observation.outputOk = data !== null && data.length === 1 && data[0] === expected;
        break;
      }
    }
  }
}
