import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, isComponent, type AnyComponent } from "@blockwork/core";

/** Imports an app file and checks that its default export is a `<Blocks>` app that compiles. */
export async function loadApp(file: string): Promise<AnyComponent> {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`no such file: ${path}`);
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  const app = module.default;
  if (!isComponent(app) || app.type !== "blocks") {
    throw new Error(`${file} must export default a <Blocks> app (export default <Blocks>…</Blocks>)`);
  }
  // Compiling here surfaces config errors with the file's name before any port is opened.
  compile(app);
  return app;
}
