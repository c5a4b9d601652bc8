import { test as base } from "@playwright/test";
import { startApp, type RunningApp } from "blockwork/testing";

/** `app`: app.tsx served by `blockwork run` on a free port, once per worker, stopped after its tests. */
export const test = base.extend<{}, { app: RunningApp }>({
  app: [
    async ({}, use) => {
      const app = await startApp("app.tsx");
      await use(app);
      await app.stop();
    },
    { scope: "worker" },
  ],
});

export { expect } from "@playwright/test";
