// Shared by the ensure-* scripts: a binary the tests need is there, or installed from Debian's packages with
// apt-get when we are root on a Debian-like machine (as CI is), or a clear message says how to get it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * @param {{ pkg: string, found: () => boolean, why: string, hint: string, recommends?: boolean }} need
 *   `found` tells whether it is there already; `why` names what needs it; `hint` says how to get it by hand;
 *   `recommends` installs the package's recommended ones too (a browser's fonts).
 */
export function ensureAptPackage({ pkg, found, why, hint, recommends = false }) {
  if (found()) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(`${why} need ${pkg}. ${hint}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${pkg} for ${why} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", ...(recommends ? [] : ["--no-install-recommends"]), pkg], { stdio: "inherit", env });
}
