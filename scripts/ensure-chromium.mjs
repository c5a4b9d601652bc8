// Makes sure the e2e tests have a Chromium: BLOCKWORK_CHROMIUM_PATH if set, else Debian's /usr/bin/chromium,
// installed with apt-get when we are root on a Debian-like machine. Playwright's own download is not used by
// default because it cannot reach its CDN everywhere; set BLOCKWORK_CHROMIUM_PATH=playwright to use it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = process.env.BLOCKWORK_CHROMIUM_PATH;
if (wanted === "playwright") process.exit(0);
const path = wanted ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
if (wanted) {
  console.error(`BLOCKWORK_CHROMIUM_PATH=${wanted} does not exist.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (!isRoot || !hasApt) {
  console.error(
    "The e2e tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install -y chromium), or point\n" +
      "BLOCKWORK_CHROMIUM_PATH at a Chromium binary, or set BLOCKWORK_CHROMIUM_PATH=playwright after\n" +
      "`npx playwright install chromium` to use Playwright's own browser.",
  );
  process.exit(1);
}
console.log("Installing Debian's chromium for the e2e tests (apt-get)…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
