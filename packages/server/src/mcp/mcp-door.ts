import { QueuePosition, type AppConfig, type GroupMessage, type JobMessage, type ValueChecker } from "@blockwork/core";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type ServerNotification, type Tool } from "@modelcontextprotocol/sdk/types.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody } from "../http/read-json-body.ts";
import { sendJson } from "../http/static-files.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import { isPromise } from "../queue/store/queue-store.ts";
import type { Sessions } from "../session/sessions.ts";
import type { Door } from "../transport/sink-router.ts";
import { attachCaller, doorSink, JoinChecks, requestInfo, type DoorApp } from "../gradio/door-requests.ts";
import { isCallable, parameterNames, valueSchema } from "../gradio/gradio-info.ts";

export interface McpDoorOptions {
  readonly runtime: QueueRuntime;
  readonly sessions: Sessions;
  readonly app: () => DoorApp;
  readonly maxPayloadBytes: number;
  readonly version: string;
}

/** A tool call waiting for its job: where it waits, and how to tell its caller. */
interface ToolCall {
  position: QueuePosition | null;
  /** The last progress value sent: MCP wants each notification's progress to increase. */
  last: number;
  readonly notify: ((progress: number, message: string) => void) | null;
  readonly finish: (message: JobMessage) => void;
}

const PREFIX = "mcp:";

/**
 * MCP over stateless Streamable HTTP at `<base>mcp` (no session, so any process of a cluster can answer): each
 * public listener is a tool (its API name, its `description`, a JSON Schema of its inputs by parameter name). A
 * call waits in the same queue as everyone else's, and when it carries a progress token it hears its place in the
 * queue and its handler's progress as MCP progress notifications (a client that passes `resetTimeoutOnProgress`
 * keeps waiting as long as they come).
 */
export class McpDoor implements Door {
  readonly prefix = PREFIX;
  readonly sink: RuntimeSink;
  readonly #options: McpDoorOptions;
  readonly #joins: JoinChecks;
  readonly #calls = new Map<string, ToolCall>();

  constructor(options: McpDoorOptions) {
    this.#options = options;
    this.#joins = new JoinChecks(options.app);
    this.sink = doorSink(
      (connection, message) => this.#deliver(connection, message),
      (update) => this.#moved(update),
    );
  }

  async handle(route: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (route !== "mcp") return false;
    if (req.method !== "POST") {
      // Stateless: no stream to resume (GET) and no session to end (DELETE).
      sendJson(res, 405, { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: POST MCP messages to this endpoint." }, id: null });
      return true;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, this.#options.maxPayloadBytes);
    } catch {
      sendJson(res, 400, { jsonrpc: "2.0", error: { code: -32700, message: "Parse error: the body must be JSON." }, id: null });
      return true;
    }
    const server = this.#server(req);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    return true;
  }

  /** One server per request, as the SDK's stateless mode has it: it holds nothing between requests. */
  #server(req: IncomingMessage): Server {
    const server = new Server({ name: this.#options.app().config.title, version: this.#options.version }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: this.#tools() }));
    server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
      const token = request.params._meta?.progressToken;
      const notify =
        token === undefined
          ? null
          : (progress: number, message: string): void => {
              const notification: ServerNotification = { method: "notifications/progress", params: { progressToken: token, progress, total: 100, message } };
              extra.sendNotification(notification).catch(() => {});
            };
      return this.#call(request.params.name, request.params.arguments ?? {}, extra.signal, notify, req);
    });
    return server;
  }

  #tools(): Tool[] {
    const { config } = this.#options.app();
    const components = new Map(config.components.map((c) => [c.id, c]));
    return config.dependencies
      .filter((d) => isCallable(d) && d.apiVisibility === "public")
      .map((d) => {
        const names = parameterNames(d, components);
        return {
          name: d.apiName,
          ...(d.description === null ? {} : { description: d.description }),
          inputSchema: { type: "object", properties: Object.fromEntries(d.inputs.map((id, i) => [names[i]!, valueSchema(components.get(id))])), required: names },
        };
      });
  }

  async #call(name: string, args: Record<string, unknown>, signal: AbortSignal, notify: ToolCall["notify"], req: IncomingMessage): Promise<CallToolResult> {
    const { config } = this.#options.app();
    const dependency = config.dependencies.find((d) => d.apiName === name && isCallable(d) && d.apiVisibility === "public");
    if (!dependency) return failure(`No tool is named "${name}".`);
    const names = parameterNames(dependency, new Map(config.components.map((c) => [c.id, c])));
    const missing = names.find((n) => !(n in args));
    if (missing !== undefined) return failure(`${name} needs the argument "${missing}".`);
    const resolved = await this.#joins.resolve(name, { data: names.map((n) => args[n]) });
    if (!resolved.ok) return failure(resolved.error.message);
    const connecting = this.#options.sessions.connect(undefined);
    const { session } = isPromise(connecting) ? await connecting : connecting;
    const owner = `${PREFIX}${crypto.randomUUID()}`;
    const detach = await attachCaller(this.#options.runtime, session, owner);
    try {
      const ended = new Promise<JobMessage>((resolve) => this.#calls.set(owner, { position: null, last: 0, notify, finish: resolve }));
      const submitted = this.#options.runtime.submit({
        owner,
        session,
        dependencyId: resolved.dependency.id,
        data: resolved.data,
        request: requestInfo(req),
      });
      const reply = isPromise(submitted) ? await submitted : submitted;
      if (!reply.ok) return failure(reply.error.message);
      // A client that cancels the request (or hangs up) cancels the job: a waiting one leaves the queue.
      const cancel = (): void => void this.#options.runtime.cancel(reply.job.id, session.id);
      signal.addEventListener("abort", cancel, { once: true });
      const end = await ended;
      signal.removeEventListener("abort", cancel);
      if (end.type === "error") return failure(end.error.message);
      const data = end.type === "complete" ? end.data : [];
      return { content: [{ type: "text", text: JSON.stringify(data.length === 1 ? data[0] : data) }] };
    } finally {
      this.#calls.delete(owner);
      detach();
      this.#options.sessions.disconnect(session);
    }
  }

  #deliver(connection: string | null, message: JobMessage): void {
    const call = connection === null ? undefined : this.#calls.get(connection);
    if (!call) return;
    switch (message.type) {
      case "queued":
        call.position = new QueuePosition(message);
        this.#place(call);
        break;
      case "started":
        call.position = null;
        this.#progress(call, 1, "Running");
        break;
      case "progress": {
        const counted = message.done === undefined ? "" : ` ${message.done}${message.total === undefined ? "" : `/${message.total}`}`;
        this.#progress(call, message.fraction === null ? call.last : 1 + 98 * message.fraction, `${message.desc ?? "Running"}${counted}`);
        break;
      }
      case "complete":
      case "error":
        call.finish(message);
        break;
    }
  }

  #moved(update: GroupMessage): void {
    for (const call of this.#calls.values()) if (call.position?.apply(update)) this.#place(call);
  }

  #place(call: ToolCall): void {
    const { rank, size, etaMs } = call.position!.snapshot();
    const eta = etaMs === null ? "" : `, about ${Math.ceil(etaMs / 1000)} s`;
    this.#progress(call, 0, `Waiting in the queue: ${rank} ahead of ${size} waiting${eta}`);
  }

  /** MCP progress must increase with every notification: a step that can't advance moves by a hair. */
  #progress(call: ToolCall, target: number, message: string): void {
    if (!call.notify) return;
    call.last = Math.round(Math.max(target, call.last + 0.001) * 1000) / 1000;
    call.notify(call.last, message);
  }
}

function failure(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}
