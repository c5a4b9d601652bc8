import type { AppConfig } from "@blockwork/core";

/** Where Gradio's clients find the app's API routes, as Gradio 5 serves them. */
export const GRADIO_API_PREFIX = "/gradio_api";

/**
 * The app's config as served at `<base>config`: Blockwork's own, with the fields Gradio's clients read beside it
 * (`protocol`, `api_prefix`, each dependency's `api_name`, `types`, `connection`, `targets`). They are added here,
 * by the Gradio door, so core's typed config stays Blockwork's; Blockwork's UI and client ignore them.
 */
export function withGradioFields(config: AppConfig): object {
  return {
    ...config,
    protocol: "sse_v3",
    api_prefix: GRADIO_API_PREFIX,
    enable_queue: true,
    // Gradio's clients then open no heartbeat stream: sessions here outlive a closed stream by their TTL anyway.
    connect_heartbeat: false,
    dependencies: config.dependencies.map((d) => ({
      ...d,
      api_name: d.apiName,
      types: { generator: false, cancel: false },
      connection: "sse",
      targets: d.triggers.map((t) => [t.componentId, t.event]),
    })),
  };
}
