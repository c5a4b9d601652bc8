// Makes sure the Redis tests have a redis-server: BLOCKWORK_REDIS_SERVER if set, else one on the PATH, else
// Debian's package. The tests start their own servers on free ports; the package's service is not needed.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ensureAptPackage } from "./ensure-apt-package.mjs";

const wanted = process.env.BLOCKWORK_REDIS_SERVER;
if (wanted) {
  if (existsSync(wanted)) process.exit(0);
  console.error(`BLOCKWORK_REDIS_SERVER=${wanted} does not exist.`);
  process.exit(1);
}
ensureAptPackage({
  pkg: "redis-server",
  found: () => {
    try {
      execFileSync("redis-server", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  },
  why: "The Redis queue's tests",
  hint: "Install it (Debian/Ubuntu: sudo apt-get install -y redis-server, 7.0 or later), or point BLOCKWORK_REDIS_SERVER at a redis-server binary.",
});
