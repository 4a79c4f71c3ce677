import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Django serves index.html for every path under /dashboard and the hashed files at /dashboard/assets/.
export default defineConfig({
  base: "/dashboard/",
  plugins: [react()],
  build: { outDir: "dist", assetsDir: "assets", emptyOutDir: true },
  // A hang guard, not a speed check: the settings form's tests take seconds of jsdom time on a loaded 2-core machine.
  test: { environment: "jsdom", setupFiles: ["./src/test-setup.ts"], testTimeout: 30_000 },
});
