/** Where an app lives, split the way Socket.IO needs it. */
export interface AppUrl {
  /** e.g. `http://127.0.0.1:7860` */
  readonly origin: string;
  /** With leading and trailing slash, e.g. `/hello/`. */
  readonly basePath: string;
  readonly configUrl: string;
  /** Socket.IO's `path` option. */
  readonly socketPath: string;
}

export function parseAppUrl(url: string): AppUrl {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`an app URL must be http(s), got ${parsed.protocol}`);
  }
  const basePath = parsed.pathname.endsWith("/") ? parsed.pathname : `${parsed.pathname}/`;
  return {
    origin: parsed.origin,
    basePath,
    configUrl: `${parsed.origin}${basePath}config`,
    socketPath: `${basePath}socket.io`,
  };
}
