import type { ServerResponse } from "node:http";

/** A Server-Sent Events response that sends JSON frames. */
export interface EventStream {
  /** One frame: `data: <json>`, with an `event:` line when named. */
  send(data: unknown, event?: string): void;
  end(): void;
}

/**
 * Starts an SSE response. Every frame carries `data` (Gradio's client parses each frame's data as JSON and would
 * throw on a frame without), and nothing is buffered by proxies (`X-Accel-Buffering: no`).
 */
export function openEventStream(res: ServerResponse): EventStream {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  // The headers and every frame of one turn leave in one write: a finished call's events, or a session's buffered
  // messages, would otherwise cost a syscall each.
  let corked = false;
  const cork = (): void => {
    if (corked) return;
    corked = true;
    res.cork();
    process.nextTick(() => {
      corked = false;
      res.uncork();
    });
  };
  cork();
  res.flushHeaders();
  let ended = false;
  return {
    send(data, event) {
      if (ended || res.writableEnded) return;
      cork();
      res.write(`${event === undefined ? "" : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (ended) return;
      ended = true;
      res.end();
    },
  };
}
