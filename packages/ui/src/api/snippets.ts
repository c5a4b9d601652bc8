/** One endpoint as `gradio_api/info` lists it (the fields the API page reads). */
export interface EndpointInfo {
  readonly parameters: readonly { readonly label: string | null; readonly parameter_name: string; readonly component: string; readonly type: JsonSchema }[];
  readonly returns: readonly { readonly label: string | null; readonly component: string; readonly type: JsonSchema }[];
  readonly queue?: { readonly enabled: boolean; readonly group: string | null; readonly concurrencyLimit: number | null };
}

type JsonSchema = { readonly [keyword: string]: unknown };

/** The copyable calls of one endpoint, one per client. */
export interface Snippets {
  readonly blockwork: string;
  readonly curl: string;
  readonly gradioJs: string;
  readonly python: string;
}

/** A value a parameter's schema accepts, to show in the snippets: its first choice, its minimum, or a sample. */
export function exampleValue(schema: JsonSchema): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) {
    const first = (schema.anyOf as JsonSchema[]).find((s) => s.type !== "null");
    return first ? exampleValue(first) : null;
  }
  switch (schema.type) {
    case "string":
      return "Hello!!";
    case "number":
    case "integer":
      return typeof schema.minimum === "number" ? schema.minimum : 3;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return {};
    default:
      return null;
  }
}

/**
 * The snippets for calling `/name` on the app at `url` (ending in `/`), with example inputs. The curl one is
 * Gradio's two-step `/call` (POST, then read the events), runnable as shown in a POSIX shell.
 */
export function snippetsFor(url: string, name: string, endpoint: EndpointInfo): Snippets {
  const values = endpoint.parameters.map((p) => exampleValue(p.type));
  const list = JSON.stringify(values);
  const body = JSON.stringify({ data: values }).replace(/'/g, "'\\''");
  const python = values.map((v, i) => `    ${endpoint.parameters[i]!.parameter_name}=${pythonValue(v)},`).join("\n");
  return {
    blockwork: [
      `import { Client } from "blockwork/client";`,
      ``,
      `const client = await Client.connect(${JSON.stringify(url)});`,
      `const result = await client.predict(${JSON.stringify(name)}, ${list});`,
      `console.log(result);`,
    ].join("\n"),
    curl: [
      `EVENT_ID=$(curl -s -X POST ${url}gradio_api/call/${name} -H "Content-Type: application/json" -d '${body}' | awk -F'"' '{ print $4 }')`,
      `curl -sN ${url}gradio_api/call/${name}/$EVENT_ID`,
    ].join("\n"),
    gradioJs: [
      `import { Client } from "@gradio/client";`,
      ``,
      `const client = await Client.connect(${JSON.stringify(url)});`,
      `const result = await client.predict(${JSON.stringify(`/${name}`)}, ${list});`,
      `console.log(result.data);`,
    ].join("\n"),
    python: [`from gradio_client import Client`, ``, `client = Client(${JSON.stringify(url)})`, `result = client.predict(`, ...(python ? [python] : []), `    api_name=${JSON.stringify(`/${name}`)},`, `)`, `print(result)`].join("\n"),
  };
}

function pythonValue(value: unknown): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return JSON.stringify(value);
}
