import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// BLOCKWORK_CHROMIUM_PATH: a Chromium binary, or "playwright" for Playwright's own (`npx playwright install
// chromium`). Without it, the system's /usr/bin/chromium when there is one, since not every machine can download
// Playwright's browser; else Playwright's own.
const wanted = process.env.BLOCKWORK_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : "playwright");

export default defineConfig({
  testDir: "tests",
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {
      ...(wanted === "playwright" ? {} : { executablePath: wanted }),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
