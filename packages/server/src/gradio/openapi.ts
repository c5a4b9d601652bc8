import type { AppConfig } from "@blockwork/core";
import { gradioValueSchema, isCallable, parameterNames } from "./gradio-info.ts";

/**
 * `GET <base>gradio_api/openapi.json`: an OpenAPI 3.1 document of the REST routes, one pair per public listener
 * (`POST /gradio_api/call/<name>` with its inputs as a tuple, `GET …/<event_id>` for its events), plus the schema
 * and queue routes. JSON Schema 2020-12 is OpenAPI 3.1's own, so the components' value schemas go in as they are.
 */
export function openApiDocument(config: AppConfig, version: string): object {
  const components = new Map(config.components.map((c) => [c.id, c]));
  const paths: Record<string, object> = {
    "/gradio_api/info": { get: { summary: "Every public endpoint with the JSON Schema of its inputs and outputs, and its queue", responses: { "200": { description: "The API's schema" } } } },
    "/gradio_api/queues": { get: { summary: "Each public endpoint's queue now: limit, waiting, running, the expected wait of a new call", responses: { "200": { description: "Queue states by endpoint" } } } },
  };
  for (const dependency of config.dependencies) {
    if (!isCallable(dependency) || dependency.apiVisibility !== "public") continue;
    const names = parameterNames(dependency, components);
    const name = dependency.apiName;
    const inputs = dependency.inputs.map((id, i) => ({ title: names[i]!, ...gradioValueSchema(components.get(id), "parameter").schema }));
    const outputs = dependency.outputs.map((id) => gradioValueSchema(components.get(id), "return").schema);
    paths[`/gradio_api/call/${name}`] = {
      post: {
        operationId: `call_${name}`,
        summary: dependency.description ?? `Queue a call of ${name}`,
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", required: ["data"], properties: { data: { type: "array", prefixItems: inputs, minItems: inputs.length, maxItems: inputs.length } } } } },
        },
        responses: {
          "200": { description: "Queued: read its events at GET /gradio_api/call/" + name + "/{event_id}", content: { "application/json": { schema: { type: "object", properties: { event_id: { type: "string" } } } } } },
          "422": { description: "An input is wrong (the message names it)", content: { "application/json": { schema: errorSchema } } },
          "503": { description: "The queue is full, the caller has too many calls waiting, or the server is stopping", content: { "application/json": { schema: errorSchema } } },
        },
      },
    };
    paths[`/gradio_api/call/${name}/{event_id}`] = {
      get: {
        operationId: `events_${name}`,
        summary: `The events of a call of ${name}: queued, progress, generating, complete (its outputs) or error, heartbeat`,
        parameters: [{ name: "event_id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "Server-Sent Events; `complete` carries the outputs",
            content: { "text/event-stream": { schema: { type: "string" }, "x-complete-data": { type: "array", prefixItems: outputs } } },
          },
          "404": { description: "No such call waiting to be read" },
        },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: config.title, version }, paths };
}

const errorSchema = { type: "object", properties: { error: { type: "string" }, code: { type: "string" } } };
