import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("./renderer", import.meta.url));

/**
 * The renderer is one static bundle served by both faces (Electron loads it from disk, the browser
 * host serves dist-renderer/). Monaco is reached only through a dynamic import, so it stays out of
 * the initial chunk; its workers are module workers emitted beside it (same origin, no CDN, no eval)
 * so the CSP `script-src 'self'; worker-src 'self'` holds.
 */
export default defineConfig({
  root,
  base: "./",
  plugins: [react()],
  worker: { format: "es" },
  build: {
    outDir: fileURLToPath(new URL("./dist-renderer", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // The polyfill would be an inline script in some setups; every target browser has modulepreload.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: { host: "127.0.0.1", strictPort: false },
});
