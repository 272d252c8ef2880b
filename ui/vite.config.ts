import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Tauri serves ui/dist from embedded assets under a strict CSP (default-src 'self'):
// relative asset URLs, no inline scripts, styles emitted as files.
export default defineConfig({
  base: "./",
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    target: "es2022", // WebKitGTK 2.50
    sourcemap: false,
    outDir: "dist",
    emptyOutDir: true,
    // Inlined data: URLs would need img-src data: in the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    // GOV.UK Frontend keeps an old-IE hack, `@media ... (min-width: 0\\0)`, that Lightning CSS's
    // minifier rejects as invalid. Unminified CSS costs nothing that matters in a desktop app.
    cssMinify: false,
  },
  css: {
    preprocessorOptions: {
      scss: {
        // MOJ Frontend imports "node_modules/govuk-frontend/..." from the project root.
        loadPaths: ["node_modules", "."],
        quietDeps: true,
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
  // Svelte's client runtime (mount) for component tests under jsdom.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
});
