/** One Server-Sent Event: its `event:` name ("message" when it has none) and its `data:` as JSON. */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** The events of a Server-Sent Events body as they arrive, until the server ends it. */
export async function* sseEvents(res: Response): AsyncGenerator<SseEvent> {
  if (!res.body) throw new Error(`event stream: HTTP ${res.status} has no body`);
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const frame = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      yield { event, data: data === undefined ? undefined : (JSON.parse(data) as unknown) };
    }
  }
}

/** Reads a Server-Sent Events body until it ends; `seen` fills as events arrive, so a test can watch it meanwhile. */
export async function readSse(res: Response, seen: SseEvent[] = []): Promise<SseEvent[]> {
  for await (const event of sseEvents(res)) seen.push(event);
  return seen;
}
