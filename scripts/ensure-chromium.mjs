// Makes sure the e2e tests have a Chromium: BLOCKWORK_CHROMIUM_PATH if set, else Debian's /usr/bin/chromium,
// installed with apt-get when we are root on a Debian-like machine. Playwright's own download is not used by
// default because it cannot reach its CDN everywhere; set BLOCKWORK_CHROMIUM_PATH=playwright to use it.
import { existsSync } from "node:fs";
import { ensureAptPackage } from "./ensure-apt-package.mjs";

const wanted = process.env.BLOCKWORK_CHROMIUM_PATH;
if (wanted === "playwright") process.exit(0);
if (wanted) {
  if (existsSync(wanted)) process.exit(0);
  console.error(`BLOCKWORK_CHROMIUM_PATH=${wanted} does not exist.`);
  process.exit(1);
}
ensureAptPackage({
  pkg: "chromium",
  recommends: true,
  found: () => existsSync("/usr/bin/chromium"),
  why: "The e2e tests",
  hint:
    "Install it (Debian/Ubuntu: sudo apt-get install -y chromium), or point BLOCKWORK_CHROMIUM_PATH at a Chromium binary,\n" +
    "or set BLOCKWORK_CHROMIUM_PATH=playwright after `npx playwright install chromium` to use Playwright's own browser.",
});
