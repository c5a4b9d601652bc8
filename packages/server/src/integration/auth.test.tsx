import { Client } from "@blockwork/client";
import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { createAppHost } from "../index.ts";
import { later, serve } from "./harness.ts";

function echoApp() {
  const text = Textbox();
  const echo = listener((t: string, ctx) => `${t} (${ctx.session.id.length > 0 ? "session" : "none"})`, { inputs: [text], outputs: [text], apiName: "echo" });
  const whoami = listener((ctx) => ctx.session.username ?? "nobody", { outputs: [text], apiName: "whoami" });
  return (
    <Blocks title="Private">
      {text}
      <Button onClick={echo}>Echo</Button>
      <Button onClick={whoami}>Who am I</Button>
    </Blocks>
  );
}

async function login(url: string, body: unknown, form = false): Promise<Response> {
  return fetch(`${url}login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
}

function socketError(url: string, headers: Record<string, string> = {}): Promise<string> {
  const raw = io(url, { path: "/socket.io", transports: ["websocket"], reconnection: false, extraHeaders: headers });
  later(() => raw.disconnect());
  return new Promise((resolve) => {
    raw.once("connect_error", (error) => resolve(error.message));
    raw.once("hello", () => resolve("hello"));
  });
}

describe("auth: a login page in front of the app", () => {
  test("without the login cookie, the config, the socket and every route are refused; the page redirects to the login form", async () => {
    const { url } = await serve(echoApp(), { auth: [["admin", "s3cret"]], testGates: true, allowedPaths: ["/tmp"] });
    expect((await fetch(`${url}config`)).status).toBe(401);
    expect(await (await fetch(`${url}config`)).json()).toEqual({ error: { code: "unauthorized", message: "Log in first: POST /login" } });
    const page = await fetch(url, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login");
    expect((await fetch(`${url}index.html`, { redirect: "manual" })).status).toBe(303);
    for (const route of ["assets/x.js", "__test/record", "file/tmp/x"]) expect((await fetch(`${url}${route}`)).status, route).toBe(401);
    expect((await fetch(`${url}__test/release`, { method: "POST" })).status).toBe(401);
    expect(await socketError(url)).toBe("unauthorized");
    expect(await socketError(url, { cookie: "blockwork_auth=forged-token" })).toBe("unauthorized");
    const form = await fetch(`${url}login`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<form method="post" action="login">');
    expect(html).toContain('type="password"');
    expect(html).toContain("Private");
    expect(html).toContain("Log in to use this app.");
  });

  test("authMessage is shown on the login page, escaped, also after a wrong password", async () => {
    const { url } = await serve(echoApp(), { auth: [["a", "b"]], authMessage: "Ask <ops> for an account" });
    expect(await (await fetch(`${url}login`)).text()).toContain("<p>Ask &#60;ops&#62; for an account</p>");
    const wrong = await login(url, { username: "a", password: "x" }, true);
    expect(await wrong.text()).toContain("Ask &#60;ops&#62; for an account");
  });

  test("Client.connect logs in with { auth: [user, pass] }; a wrong password or none is refused with a clear message", async () => {
    const { url } = await serve(echoApp(), { auth: [["admin", "s3cret"], ["guest", "guest"]] });
    await expect(Client.connect(url, { timeoutMs: 3000 })).rejects.toThrow(/needs a login: Client\.connect\(url, \{ auth: \[username, password\] \}\)|unauthorized/);
    await expect(Client.connect(url, { auth: ["admin", "wrong"] })).rejects.toThrow(/could not log in at .*\/login: Incorrect username or password\./);
    await expect(Client.connect(url, { auth: ["guest", "s3cret"] })).rejects.toThrow(/Incorrect username or password/);
    for (const [user, pass] of [["admin", "s3cret"], ["guest", "guest"]] as const) {
      const client = await Client.connect(url, { auth: [user, pass] });
      later(() => client.close());
      expect(client.config.title).toBe("Private");
      expect(await client.predict("echo", ["hi"])).toEqual(["hi (session)"]);
      expect(await client.predict("whoami", []), "handlers see who logged in as ctx.session.username").toEqual([user]);
    }
  });

  test("the cookie is HttpOnly, SameSite=Lax, scoped to the base path, and a fresh random token each login; logout ends it", async () => {
    const { url } = await serve(echoApp(), { auth: async (user, pass) => user === "ada" && pass === "lovelace" });
    const wrong = await login(url, { username: "ada", password: "babbage" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const [first, second] = [await login(url, { username: "ada", password: "lovelace" }), await login(url, { username: "ada", password: "lovelace" })];
    const cookies = [first, second].map((r) => r.headers.getSetCookie()[0]!);
    for (const cookie of cookies) expect(cookie).toMatch(/^blockwork_auth=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookies[0]).not.toBe(cookies[1]);
    const pair = cookies[0]!.split(";")[0]!;
    expect((await fetch(`${url}config`, { headers: { cookie: pair } })).status).toBe(200);
    expect(await socketError(url, { cookie: pair })).toBe("hello");
    const out = await fetch(`${url}logout`, { method: "POST", redirect: "manual", headers: { cookie: pair } });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/^blockwork_auth=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/);
    expect((await fetch(`${url}config`, { headers: { cookie: pair } })).status).toBe(401);
  });

  test("the HTML form: a wrong password shows the form again with a message; a right one redirects to the app", async () => {
    const { url } = await serve(echoApp(), { auth: [["admin", "s3cret"]] });
    const wrong = await login(url, { username: "admin", password: "nope" }, true);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('<div role="alert">Incorrect username or password.</div>');
    const right = await login(url, { username: "admin", password: "s3cret" }, true);
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/");
    const cookie = right.headers.getSetCookie()[0]!.split(";")[0]!;
    expect((await fetch(url, { headers: { cookie } })).status).toBe(200);
  });

  test("apps sharing a server each have their own login, scoped by the cookie's Path", async () => {
    const hosts = [createAppHost(echoApp(), { basePath: "/a/", auth: [["a", "a"]] }), createAppHost(echoApp(), { basePath: "/b/" })];
    const server = createServer((req, res) => {
      if (!hosts.some((host) => host.handleHttp(req, res))) res.writeHead(404).end();
    });
    for (const host of hosts) host.attach(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    later(async () => {
      for (const host of hosts) await host.close();
      await new Promise((resolve) => server.close(resolve));
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await login(`${origin}/a/`, { username: "a", password: "a" });
    expect(response.headers.getSetCookie()[0]).toMatch(/; Path=\/a\/; HttpOnly; SameSite=Lax$/);
    expect((await fetch(`${origin}/a/config`)).status).toBe(401);
    expect((await fetch(`${origin}/b/config`)).status).toBe(200);
    const client = await Client.connect(`${origin}/a/`, { auth: ["a", "a"] });
    later(() => client.close());
    expect(await client.predict("echo", ["x"])).toEqual(["x (session)"]);
  });
});
