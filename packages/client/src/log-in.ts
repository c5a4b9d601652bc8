import type { AppUrl } from "./app-url.ts";

/**
 * Logs in to an app with `auth` and returns the login cookie as a `Cookie` header value, for Node, where
 * nothing keeps cookies. In a browser the cookie is kept by the browser (and hidden from script), so this
 * returns undefined and later requests carry it anyway.
 */
export async function logIn(appUrl: AppUrl, [username, password]: readonly [string, string]): Promise<string | undefined> {
  const url = `${appUrl.origin}${appUrl.basePath}login`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
    credentials: "include",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(`could not log in at ${url}: ${body?.error?.message ?? `HTTP ${response.status}`}`);
  }
  const cookies = response.headers.getSetCookie?.() ?? [];
  const pairs = cookies.map((cookie) => cookie.split(";")[0]!.trim()).filter((pair) => pair !== "");
  return pairs.length > 0 ? pairs.join("; ") : undefined;
}
