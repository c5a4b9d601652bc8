import { useEffect, useState } from "react";
import { snippetsFor, type EndpointInfo, type Snippets } from "./snippets.ts";

interface QueueState {
  readonly limit: number | null;
  readonly waiting: number;
  readonly running: number;
  readonly eta: number | null;
}

const CLIENTS: readonly { readonly key: keyof Snippets; readonly label: string }[] = [
  { key: "blockwork", label: "blockwork/client" },
  { key: "curl", label: "curl" },
  { key: "gradioJs", label: "@gradio/client" },
  { key: "python", label: "Python (gradio_client)" },
];

/** How often the page refreshes the queues' live state while it is open. */
const QUEUES_EVERY_MS = 2_000;

/**
 * "Use via API": every public endpoint of the app with its parameters and return values, a copyable call from
 * each client, and each queue's state now. Loaded only when opened.
 */
export default function ApiPanel({ base, onClose }: { readonly base: string; readonly onClose: () => void }) {
  const url = `${location.origin}${base}`;
  const [endpoints, setEndpoints] = useState<Record<string, EndpointInfo> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [queues, setQueues] = useState<Record<string, QueueState>>({});
  const [client, setClient] = useState<keyof Snippets>("blockwork");

  useEffect(() => {
    fetch(`${base}gradio_api/info`)
      .then(async (res) => {
        if (!res.ok) throw new Error(`GET ${base}gradio_api/info answered ${res.status}`);
        setEndpoints(((await res.json()) as { named_endpoints: Record<string, EndpointInfo> }).named_endpoints);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    let stopped = false;
    const refresh = (): void => {
      fetch(`${base}gradio_api/queues`)
        .then(async (res) => (res.ok ? setQueues((await res.json()) as Record<string, QueueState>) : undefined))
        .catch(() => {})
        .finally(() => {
          if (!stopped) timer = setTimeout(refresh, QUEUES_EVERY_MS);
        });
    };
    let timer = setTimeout(refresh, 0);
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("keydown", onKey);
    };
  }, [base, onClose]);

  const names = endpoints ? Object.keys(endpoints) : [];
  return (
    <div className="bw-api-backdrop" onClick={onClose}>
      <aside className="bw-api" role="dialog" aria-label="API" onClick={(e) => e.stopPropagation()}>
        <header className="bw-api-head">
          <h2>Use via API</h2>
          <button type="button" className="bw-api-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <p className="bw-api-intro">
          This app is an API too: {names.length} public endpoint{names.length === 1 ? "" : "s"}. Every call waits in the same queue as
          this page&apos;s users. Schema: <a href={`${base}gradio_api/info`}>gradio_api/info</a>.
        </p>
        <div className="bw-api-clients" role="tablist">
          {CLIENTS.map((c) => (
            <button key={c.key} type="button" role="tab" aria-selected={client === c.key} onClick={() => setClient(c.key)}>
              {c.label}
            </button>
          ))}
        </div>
        {error ? <p className="bw-api-error">{error}</p> : null}
        {names.map((name) => (
          <Endpoint key={name} name={name} info={endpoints![name]!} snippet={snippetsFor(url, name.slice(1), endpoints![name]!)[client]} queue={queues[name]} />
        ))}
      </aside>
    </div>
  );
}

function Endpoint({ name, info, snippet, queue }: { readonly name: string; readonly info: EndpointInfo; readonly snippet: string; readonly queue: QueueState | undefined }) {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
  };
  return (
    <section className="bw-api-endpoint" data-testid={`api-endpoint-${name.slice(1)}`}>
      <h3>
        <code>{name}</code>
        {queue ? (
          <span className="bw-api-queue" data-testid="api-queue">
            {queue.waiting} waiting · {queue.running} running · limit {queue.limit ?? "none"}
            {queue.eta === null ? "" : ` · a new call ≈ ${queue.eta} s`}
          </span>
        ) : null}
      </h3>
      <div className="bw-api-snippet">
        <pre data-testid="api-snippet">{snippet}</pre>
        <button type="button" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <Values title="Parameters" values={info.parameters.map((p) => ({ name: p.parameter_name, label: p.label, component: p.component, type: p.type }))} />
      <Values title="Returns" values={info.returns.map((r, i) => ({ name: `[${i}]`, label: r.label, component: r.component, type: r.type }))} />
    </section>
  );
}

function Values({ title, values }: { readonly title: string; readonly values: readonly { name: string; label: string | null; component: string; type: unknown }[] }) {
  if (values.length === 0) return null;
  return (
    <table className="bw-api-values">
      <caption>{title}</caption>
      <tbody>
        {values.map((v) => (
          <tr key={v.name}>
            <td>
              <code>{v.name}</code>
            </td>
            <td>
              {v.component}
              {v.label ? ` “${v.label}”` : ""}
            </td>
            <td>
              <code>{JSON.stringify(v.type)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
