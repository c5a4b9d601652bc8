// Makes sure the Redis tests have a redis-server: BLOCKWORK_REDIS_SERVER if set, else one on the PATH, else
// Debian's package, installed with apt-get when we are root on a Debian-like machine (as CI is).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = process.env.BLOCKWORK_REDIS_SERVER;
if (wanted) {
  if (existsSync(wanted)) process.exit(0);
  console.error(`BLOCKWORK_REDIS_SERVER=${wanted} does not exist.`);
  process.exit(1);
}
const onPath = () => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
if (onPath()) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (!isRoot || !hasApt) {
  console.error(
    "The Redis queue store's tests need redis-server (7.0 or later). Install it (Debian/Ubuntu:\n" +
      "sudo apt-get install -y redis-server), or point BLOCKWORK_REDIS_SERVER at a redis-server binary.",
  );
  process.exit(1);
}
console.log("Installing Debian's redis-server for the Redis queue store's tests (apt-get)…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
// The tests start their own servers on free ports; the package's own service is not needed.
execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "redis-server"], { stdio: "inherit", env });
