/** One endpoint as `gradio_api/info` lists it (the fields the API page reads). */
export interface EndpointInfo {
  readonly parameters: readonly {
    readonly label: string | null;
    readonly parameter_name: string;
    readonly component: string;
    readonly type: JsonSchema;
    /** `filepath` (`List[filepath]`): a file parameter (a list of files), as Gradio's `/info` marks one. */
    readonly python_type?: { readonly type: string };
  }[];
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

/** A file parameter's example: a file in the working directory, named for what the component takes. */
interface FileExample {
  readonly name: string;
  readonly multiple: boolean;
}

function fileExample(parameter: EndpointInfo["parameters"][number]): FileExample | null {
  const type = parameter.python_type?.type;
  if (type !== "filepath" && type !== "List[filepath]") return null;
  return { name: parameter.component === "Image" ? "image.png" : "file.txt", multiple: type === "List[filepath]" };
}

/**
 * The snippets for calling `/name` on the app at `url` (ending in `/`), with example inputs. The curl one is
 * Gradio's two-step `/call` (POST, then read the events), runnable as shown in a POSIX shell. A file parameter's
 * example is a local file: each client uploads it first (`handleFile`, `handle_file`, curl's `gradio_api/upload`),
 * since the server takes only files it issued.
 */
export function snippetsFor(url: string, name: string, endpoint: EndpointInfo): Snippets {
  const values = endpoint.parameters.map((p) => exampleValue(p.type));
  const files = endpoint.parameters.map(fileExample);
  const hasFiles = files.some((f) => f !== null);
  /** Each input as a client writes it: `json` for a plain value, `file` (once per file) for a file parameter. */
  const inputs = (json: (value: unknown) => string, file: (example: FileExample, i: number) => string): string[] =>
    values.map((v, i) => {
      const example = files[i];
      if (!example) return json(v);
      return example.multiple ? `[${file(example, i)}]` : file(example, i);
    });
  const list = (file: (example: FileExample) => string) => `[${inputs(JSON.stringify, file).join(",")}]`;
  const uploads = files.flatMap((f, i) => (f ? [`FILE_${i + 1}=$(curl -s -F "files=@${f.name}" ${url}gradio_api/upload | awk -F'"' '{ print $2 }')`] : []));
  // The body sits in single quotes (a quote in a value is closed, escaped and reopened); a file's path, uploaded
  // first, is spliced in from the shell between them.
  const body = `{"data":[${inputs(
    (v) => JSON.stringify(v).replace(/'/g, "'\\''"),
    (_, i) => `{"path": "'"$FILE_${i + 1}"'", "meta": {"_type": "gradio.FileData"}}`,
  ).join(",")}]}`;
  const pythonInputs = inputs(pythonValue, (f) => `handle_file(${JSON.stringify(f.name)})`);
  const python = pythonInputs.map((v, i) => `    ${endpoint.parameters[i]!.parameter_name}=${v},`).join("\n");
  return {
    blockwork: [
      `import { Client${hasFiles ? ", handleFile" : ""} } from "blockwork/client";`,
      ``,
      `const client = await Client.connect(${JSON.stringify(url)});`,
      `const result = await client.predict(${JSON.stringify(name)}, ${list((f) => `handleFile(${JSON.stringify(f.name)})`)});`,
      `console.log(result);`,
    ].join("\n"),
    curl: [
      ...uploads,
      `EVENT_ID=$(curl -s -X POST ${url}gradio_api/call/${name} -H "Content-Type: application/json" -d '${body}' | awk -F'"' '{ print $4 }')`,
      `curl -sN ${url}gradio_api/call/${name}/$EVENT_ID`,
    ].join("\n"),
    gradioJs: [
      `import { Client${hasFiles ? ", handle_file" : ""} } from "@gradio/client";`,
      ...(hasFiles ? [`import { readFile } from "node:fs/promises";`] : []),
      ``,
      `const client = await Client.connect(${JSON.stringify(url)});`,
      // A File keeps its name through the upload; a path or a Buffer would arrive as an unnamed "blob".
      `const result = await client.predict(${JSON.stringify(`/${name}`)}, ${list((f) => `handle_file(new File([await readFile(${JSON.stringify(f.name)})], ${JSON.stringify(f.name)}))`)});`,
      `console.log(result.data);`,
    ].join("\n"),
    python: [
      `from gradio_client import Client${hasFiles ? ", handle_file" : ""}`,
      ``,
      `client = Client(${JSON.stringify(url)})`,
      `result = client.predict(`,
      ...(python ? [python] : []),
      `    api_name=${JSON.stringify(`/${name}`)},`,
      `)`,
      `print(result)`,
    ].join("\n"),
  };
}

function pythonValue(value: unknown): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return JSON.stringify(value);
}
