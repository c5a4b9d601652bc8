/** One Server-Sent Event: its `event:` name ("message" when it has none) and its `data:` as JSON. */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** Reads a Server-Sent Events body until it ends; `seen` fills as events arrive, so a test can watch it meanwhile. */
export async function readSse(res: Response, seen: SseEvent[] = []): Promise<SseEvent[]> {
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
      seen.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
    }
  }
  return seen;
}
