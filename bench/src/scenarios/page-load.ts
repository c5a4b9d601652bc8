import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { check } from "../check.ts";
import { interactiveProbe } from "../page-load/interactive-probe.ts";
import { uiSize } from "../page-load/ui-size.ts";
import { percentiles } from "../stats/percentiles.ts";
import { kib, ms, type ResultRow } from "../table.ts";
import type { BenchContext } from "./context.ts";
import { startServer } from "./server-under-test.ts";

const UI_DIST = fileURLToPath(new URL("../../../packages/server/ui-dist/", import.meta.url));
const IMAGE_GEN = fileURLToPath(new URL("../../../demos/image_gen/app.tsx", import.meta.url));
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCENARIO = "5 page load (image_gen)";
/** What an app with only a Textbox and a Button may load (issue 13): every heavier renderer is a lazy chunk. */
const BASE_BUDGET_BYTES = 125 * 1024;

/**
 * Scenario 5: the UI's gzipped JS+CSS that every page loads (the base) and that each lazy renderer adds the first
 * time a page shows one, and time to first interactive render of `image_gen` in headless Chromium.
 */
export async function pageLoadScenario(context: BenchContext): Promise<ResultRow[]> {
  const row = (figures: string[], serverPeakRss: number | null = null): ResultRow[] => [
    { scenario: SCENARIO, clients: 1, ideal: null, achieved: null, unit: "", latency: null, serverCpuS: null, serverPeakRss, errors: 0, figures },
  ];
  if (!existsSync(`${UI_DIST}assets`)) return row(["SKIPPED: packages/server/ui-dist is not built (pnpm build:ui)"]);
  const size = uiSize(UI_DIST);
  check(size.base.gzip <= BASE_BUDGET_BYTES, `page load: the base UI is ${kib(size.base.gzip)} gzip, over its ${kib(BASE_BUDGET_BYTES)} budget`);
  const sizeFigure =
    `UI base JS+CSS gzip ${kib(size.base.gzip)} (${(size.base.gzip / 1000).toFixed(1)} kB; raw ${kib(size.base.raw)}, ${size.base.files} files; ` +
    `budget ${kib(BASE_BUDGET_BYTES)}); lazy on first use, gzip: ${size.lazy.map((l) => `${l.name} ${kib(l.gzip)}`).join(", ")}; ` +
    `a code language ${kib(Math.min(...size.languages.map((l) => l.gzip)))}–${kib(Math.max(...size.languages.map((l) => l.gzip)))} more`;
  const executablePath = process.env.BLOCKWORK_CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) return row([sizeFigure, `render SKIPPED: no Chromium at ${executablePath} (set BLOCKWORK_CHROMIUM_PATH)`]);

  const { runs } = context.sizes.pageLoad;
  context.log(`5 page load: image_gen in headless Chromium, ${runs} cold load(s)`);
  const server = await startServer(context, "page-load", { kind: "blockwork", app: "file", path: IMAGE_GEN }, 16);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A new context per load: an empty cache, as a first visit.
      const browserContext = await browser.newContext();
      const page = await browserContext.newPage();
      await page.addInitScript({ content: interactiveProbe("Generate", "Prompt") });
      await page.goto(server.url, { waitUntil: "commit", timeout: 30_000 });
      await page.waitForFunction(() => (window as unknown as { __bwInteractiveAt?: number }).__bwInteractiveAt !== undefined, undefined, { timeout: 30_000 });
      times.push(await page.evaluate(() => (window as unknown as { __bwInteractiveAt: number }).__bwInteractiveAt));
      // The probe's reading of "interactive" must agree with Playwright's accessible queries.
      check(await page.getByRole("button", { name: "Generate" }).isEnabled(), "page load: the Generate button is not enabled");
      check(await page.getByLabel("Prompt").isVisible(), "page load: the Prompt textbox is not visible");
      await browserContext.close();
    }
    const final = await server.stop();
    const tti = percentiles(times)!;
    return row([sizeFigure, `time to interactive p50/max ${ms(tti.p50)} / ${ms(tti.max)} ms after navigation start, ${runs} cold load(s)`], final.peakRss);
  } catch (error) {
    await server.child.kill();
    throw error;
  } finally {
    await browser.close();
  }
}
