// The `blockwork` command, compiled for `bin/blockwork.js`.
export { runCli } from "@blockwork/server";
