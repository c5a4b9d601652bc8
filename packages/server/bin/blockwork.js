#!/usr/bin/env node
// Loads TypeScript and TSX on the fly with Blockwork's JSX runtime forced, so an app file needs no build step
// and no tsconfig or package.json of its own, then hands over to the CLI.
import { register as registerHook } from "node:module";
import { fileURLToPath } from "node:url";

const tsconfig = process.env.TSX_TSCONFIG_PATH ?? fileURLToPath(new URL("../app-tsconfig.json", import.meta.url));
const { register } = await import("tsx/esm/api");
register({ tsconfig });
registerHook(new URL("./force-esm-hook.js", import.meta.url));
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2), { tsconfig });
