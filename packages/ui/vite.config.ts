import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server serves this build under each app's base path (possibly behind a prefix such as `/hello/`),
// so every asset URL must be relative.
export default defineConfig({
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../server/ui-dist",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    // `.vite/manifest.json`: which chunks each lazy renderer pulls in, for the page-load benchmark's sizes.
    manifest: true,
  },
});
