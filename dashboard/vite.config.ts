import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Django serves index.html for every path under /dashboard and the hashed files at /dashboard/assets/.
export default defineConfig({
  base: "/dashboard/",
  plugins: [react()],
  build: { outDir: "dist", assetsDir: "assets", emptyOutDir: true },
  test: { environment: "jsdom", setupFiles: ["./src/test-setup.ts"] },
});
