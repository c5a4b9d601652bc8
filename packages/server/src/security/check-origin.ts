import type { IncomingMessage } from "node:http";

/**
 * Whether a request may proceed given its `Origin`: no Origin (Node clients, curl, plain navigation) passes; a
 * browser's Origin passes when it names the host the request was sent to (`Host`, or `X-Forwarded-Host`
 * behind a proxy) or is listed in `allowedOrigins` (`"*"` allows every origin). Browsers always send Origin
 * with WebSocket handshakes and cross-origin requests, so another site's page can't drive the app.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes("*") || allowedOrigins.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const forwarded = req.headers["x-forwarded-host"];
  const own = [req.headers.host, ...(typeof forwarded === "string" ? forwarded.split(",") : [])];
  return own.some((h) => typeof h === "string" && h.trim().toLowerCase() === host);
}
