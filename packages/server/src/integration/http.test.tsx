import { Client } from "@blockwork/client";
import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createAppHost } from "../index.ts";
import { later, serve } from "./harness.ts";

function echoApp(prefix: string) {
  const text = Textbox();
  const echo = listener((t: string) => `${prefix}${t}`, { inputs: [text], outputs: [text], apiName: "echo" });
  return (
    <Blocks title={prefix}>
      {text}
      <Button onClick={echo}>Echo</Button>
    </Blocks>
  );
}

function uiDir(): string {
  const root = mkdtempSync(join(tmpdir(), "blockwork-ui-"));
  const dir = join(root, "ui-dist");
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>ui</title>");
  writeFileSync(join(dir, "assets", "index-AbC123xy.js"), "console.log(1)");
  writeFileSync(join(dir, "assets", "style-Zz99.css"), "body{}");
  writeFileSync(join(root, "secret.txt"), "secret");
  return dir;
}

describe("HTTP", () => {
  test("serves the config, and a plain page when the UI is not built", async () => {
    const { url } = await serve(echoApp("a:"), { uiDir: join(tmpdir(), "blockwork-no-such-dir") });
    const config = await fetch(`${url}config`);
    expect(config.headers.get("content-type")).toMatch(/application\/json/);
    expect(await config.json()).toMatchObject({ title: "a:", dependencies: [{ apiName: "echo" }] });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("UI not built: run pnpm build:ui");
    expect((await fetch(`${url}nothing.js`)).status).toBe(404);
  });

  test("serves UI files with content types and cache headers, and refuses path traversal", async () => {
    const { url } = await serve(echoApp("a:"), { uiDir: uiDir() });
    const index = await fetch(url);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(await index.text()).toContain("<title>ui</title>");
    const script = await fetch(`${url}assets/index-AbC123xy.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${url}assets/style-Zz99.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
    for (const path of ["..%2fsecret.txt", "assets/..%2f..%2fsecret.txt", "%2e%2e/secret.txt", "assets/%2e%2e%2f%2e%2e%2fsecret.txt", "%E0%A4%A"]) {
      const response = await fetch(`${url}${path}`);
      expect([400, 404], path).toContain(response.status);
      expect(await response.text()).not.toContain("secret");
    }
    // fetch normalizes `..` away, so the raw request shows that the server refuses it too.
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(url, { path: "/assets/../../secret.txt" }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      }).on("error", reject);
    });
    expect(raw.status).toBe(404);
    expect(raw.body).not.toContain("secret");
    expect((await fetch(`${url}config`, { method: "POST" })).status).toBe(405);
  });

  test("several apps share one HTTP server under their base paths, each with its own Socket.IO", async () => {
    const hosts = [createAppHost(echoApp("a:"), { basePath: "/a/" }), createAppHost(echoApp("b:"), { basePath: "/b" })];
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
    const redirect = await fetch(`${origin}/b?x=1`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/b/?x=1");
    const [a, b] = await Promise.all([Client.connect(`${origin}/a/`), Client.connect(`${origin}/b`)]);
    later(() => (a.close(), b.close()));
    expect([a.config.title, b.config.title]).toEqual(["a:", "b:"]);
    expect(await a.predict("echo", ["x"])).toEqual(["a:x"]);
    expect(await b.predict("echo", ["x"])).toEqual(["b:x"]);
    expect(hosts[0]!.stats()).toMatchObject({ connections: 1, waiting: 0, running: 0 });
    expect((await fetch(`${origin}/c/config`)).status).toBe(404);
  });
});
