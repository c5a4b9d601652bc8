import { now } from "../clock.ts";
import { sseEvents, type SseEvent } from "../../../packages/server/src/testing/read-sse.ts";
import type { JobObservation } from "./job-observation.ts";

/**
 * One call through the REST door as a curl script written for Gradio makes it: `POST gradio_api/call/<api>`, then
 * `GET gradio_api/call/<api>/<event_id>` read to its end. Plain `fetch` (Node's undici pool, keep-alive), no client
 * library. `joinedAt` is when the event id came back: the server had queued the job by then.
 */
export async function restCall(baseUrl: string, api: string, input: string, observation: JobObservation, expected: string): Promise<void> {
  const posted = await fetch(new URL(`gradio_api/call/${api}`, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data: [input] }),
  });
  const answer = (await posted.json()) as { event_id?: string; error?: string };
  if (!posted.ok || typeof answer.event_id !== "string") {
    observation.endAt = now();
    observation.outcome = "error";
    observation.errorCode = `HTTP ${posted.status}: ${answer.error ?? "no event_id"}`;
    return;
  }
  observation.joinedAt = now();
  const stream = await fetch(new URL(`gradio_api/call/${api}/${answer.event_id}`, baseUrl));
  for await (const { event, data } of restEvents(stream)) {
    const at = now();
    if (event === "queued") {
      observation.queuedAt ??= at;
      observation.positions.push(at, (data as { position: number }).position);
    } else if (event === "complete") {
      observation.endAt = at;
      observation.outcome = "complete";
      observation.outputOk = Array.isArray(data) && data.length === 1 && data[0] === expected;
    } else if (event === "error") {
      observation.endAt = at;
      observation.outcome = "error";
      observation.errorCode = String(data);
    }
  }
}

/** The frames of an event-stream response, until the server ends it. */
function restEvents(response: Response): AsyncGenerator<SseEvent> {
  if (!response.ok) throw new Error(`REST stream: HTTP ${response.status}`);
  return sseEvents(response);
}
