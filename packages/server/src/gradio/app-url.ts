import type { IncomingMessage } from "node:http";

/**
 * The app's absolute URL (ending in `/`) as this request reached it, from its Host (or a proxy's
 * `X-Forwarded-Host`/`-Proto`, as Gradio reads them) and the path before `route`: file URLs given to Gradio's
 * clients must be absolute, and work from where the caller is. A caller that lies about its host only misleads
 * itself: each answer goes to the request, or the session, that gave the header.
 */
export function appUrl(req: IncomingMessage, route: string): string {
  const path = (req.url ?? "/").split("?")[0]!;
  const base = path.endsWith(route) ? path.slice(0, path.length - route.length) : "/";
  const host = firstOf(req.headers["x-forwarded-host"]) ?? req.headers.host ?? "localhost";
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true || firstOf(req.headers["x-forwarded-proto"]) === "https";
  const url = `${secure ? "https" : "http"}://${host}${base.endsWith("/") ? base : `${base}/`}`;
  // A Host that makes no URL (`a b`) would make every file URL throw later: the loopback form stands in.
  return URL.canParse(url) ? new URL(url).href : `http://localhost${base}`;
}

function firstOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}
