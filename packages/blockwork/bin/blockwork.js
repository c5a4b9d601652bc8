#!/usr/bin/env node
// The installed `blockwork` command: the CLI is compiled (dist/), app files are loaded on the fly by tsx with this
// package's JSX runtime forced and `blockwork` resolved to this very install (app-tsconfig.json), so an app file
// needs no build step, tsconfig or package.json of its own.
import { register as registerHook } from "node:module";
import { fileURLToPath } from "node:url";

const tsconfig = fileURLToPath(new URL("../app-tsconfig.json", import.meta.url));
const { register } = await import("tsx/esm/api");
register({ tsconfig });
registerHook(new URL("../dist/force-esm-hook.js", import.meta.url));
const { runCli } = await import("../dist/cli.js");
process.exitCode = await runCli(process.argv.slice(2), { tsconfig });
