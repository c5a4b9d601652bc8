/**
 * Request/reply over a child process's IPC channel. The parent drives every child (server under test, load
 * generators) with commands and waits for their answers, so that scenarios read as a sequence of steps.
 */

/** What a child exposes: one async function per command, taking one structured-cloneable argument. */
export type Handlers = Record<string, (arg: any) => unknown>;

/** The parent's view of a child's handlers: every call is asynchronous. */
export type Remote<H extends Handlers> = {
  [K in keyof H]: (arg: Parameters<H[K]>[0], timeoutMs?: number) => Promise<Awaited<ReturnType<H[K]>>>;
};

export interface RpcRequest {
  readonly id: number;
  readonly cmd: string;
  readonly arg: unknown;
}

export type RpcReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** The first message a child sends, once its handlers are installed. */
export const READY = "bench:ready";

/** Child side: answers the parent's commands with `handlers`, and exits when the parent goes away. */
export function serveRpc(handlers: Handlers): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error("this module runs as a child process of the bench (no IPC channel)");
  process.on("message", (message: RpcRequest) => {
    const handler = handlers[message.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        return handler(message.arg);
      })
      .then(
        (value) => send({ id: message.id, ok: true, value } satisfies RpcReply),
        (error: unknown) => send({ id: message.id, ok: false, error: describe(error) } satisfies RpcReply),
      );
  });
  // An orphaned child would hold sockets and CPU after the bench has gone.
  process.on("disconnect", () => process.exit(0));
  send(READY);
}

/** An error as text for the parent, with its causes: `fetch failed` says nothing without the `ECONNRESET` under it. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = error.stack ?? error.message;
  return error.cause === undefined ? text : `${text}\ncaused by: ${describe(error.cause)}`;
}
