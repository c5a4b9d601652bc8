import { defineConfig } from "vitest/config";

// The installed-package test (`pnpm test:package`): packs, installs with npm and runs a browser, so it runs on its
// own after the other suites instead of beside them.
export default defineConfig({
  test: {
    root: new URL("../../../", import.meta.url).pathname,
    include: ["packages/blockwork/test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
