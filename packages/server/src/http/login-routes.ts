import type { IncomingMessage, ServerResponse } from "node:http";
import type { Auth } from "../security/auth.ts";
import { loginPageHtml } from "./login-page.ts";
import { readTextBody } from "./read-body.ts";
import { sendJson, sendText } from "./static-files.ts";

const WRONG = "Incorrect username or password.";

/**
 * `<base>login`: GET shows the form; POST checks the credentials, from the form (urlencoded, answered with a
 * redirect to the app or the form again) or from an API client (JSON `{ username, password }`, or a multipart form
 * as Gradio's clients send it, answered with JSON), and sets the login cookie. `<base>logout` forgets the login.
 */
export async function handleLoginRoute(auth: Auth, route: "login" | "logout", req: IncomingMessage, res: ServerResponse, app: { readonly basePath: string; readonly title: string; readonly message?: string | undefined }): Promise<void> {
  if (route === "logout") {
    if (req.method !== "POST" && req.method !== "GET") return sendText(res, 405, "Method not allowed");
    await auth.logout(req);
    res.writeHead(303, { Location: `${app.basePath}login`, "Set-Cookie": auth.clearCookie(req), "Cache-Control": "no-store" });
    res.end();
    return;
  }
  if (req.method === "GET" || req.method === "HEAD") return sendPage(res, 200, loginPageHtml(app.title, undefined, app.message), req);
  if (req.method !== "POST") return sendText(res, 405, "Method not allowed");
  const type = req.headers["content-type"] ?? "";
  const multipart = type.startsWith("multipart/form-data");
  // An API client (Blockwork's with JSON, Gradio's with a multipart form) gets JSON, the browser's form a page.
  const json = type.includes("application/json") || multipart;
  let username: unknown;
  let password: unknown;
  try {
    const body = await readTextBody(req);
    if (multipart) {
      const form = await new Response(body, { headers: { "content-type": type } }).formData();
      username = form.get("username");
      password = form.get("password");
    } else if (json) ({ username, password } = (JSON.parse(body) ?? {}) as { username?: unknown; password?: unknown });
    else {
      const form = new URLSearchParams(body);
      username = form.get("username");
      password = form.get("password");
    }
  } catch {
    return sendText(res, 400, "Bad request: send username and password as a form or as JSON");
  }
  const token = typeof username === "string" && typeof password === "string" ? await auth.login(username, password) : null;
  if (token === null) {
    if (json) return sendJson(res, 401, { ok: false, error: { code: "unauthorized", message: WRONG } });
    return sendPage(res, 401, loginPageHtml(app.title, WRONG, app.message), req);
  }
  const cookie = auth.cookie(token, req);
  if (json) {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Set-Cookie": cookie, "Cache-Control": "no-store" });
    // `success` is what Gradio answers its clients.
    res.end(JSON.stringify({ ok: true, success: true }));
    return;
  }
  res.writeHead(303, { Location: app.basePath, "Set-Cookie": cookie, "Cache-Control": "no-store" });
  res.end();
}

function sendPage(res: ServerResponse, status: number, html: string, req: IncomingMessage): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Frame-Options": "DENY" });
  res.end(req.method === "HEAD" ? undefined : html);
}
