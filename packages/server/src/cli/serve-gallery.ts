import { readdirSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { join, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { createAppHost, type AppHost } from "../app-host.ts";
import { galleryIndexHtml } from "./gallery-index.ts";
import { loadAppModule } from "./load-app.ts";

/** A running gallery: one HTTP server, every app at `/<name>/`. */
export interface Gallery {
  readonly url: string;
  readonly names: readonly string[];
  close(): Promise<void>;
}

/** Finds `<dir>/<name>/app.tsx` files, in name order. */
export function findApps(dir: string): { name: string; file: string }[] {
  const root = resolve(dir);
  if (!existsSync(root)) throw new Error(`no such directory: ${root}`);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "app.tsx")))
    .map((entry) => ({ name: entry.name, file: join(root, entry.name, "app.tsx") }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function serveGallery(dir: string, port: number, host: string): Promise<Gallery> {
  const apps = findApps(dir);
  if (apps.length === 0) throw new Error(`no apps in ${resolve(dir)}: expected <name>/app.tsx folders`);
  const hosts: AppHost[] = [];
  for (const { name, file } of apps) {
    const { app, options } = await loadAppModule(file);
    hosts.push(createAppHost(app, { ...options, basePath: `/${name}/` }));
  }
  const index = galleryIndexHtml(hosts.map((h, i) => ({ name: apps[i]!.name, title: h.config.title })));
  const server = createServer((req, res) => {
    if (hosts.some((h) => h.handleHttp(req, res))) return;
    const path = new URL(req.url ?? "/", "http://gallery").pathname;
    if (path === "/" && (req.method === "GET" || req.method === "HEAD")) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : index);
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("Not found");
  });
  // Every app's Socket.IO server listens for upgrades on the one HTTP server: more than Node's default of 10.
  server.setMaxListeners(10 + hosts.length * 2);
  for (const h of hosts) h.attach(server);
  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${address.port}/`,
    names: apps.map((a) => a.name),
    async close() {
      await Promise.all(hosts.map((h) => h.close()));
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}
