import { defineConfig } from 'vitest/config';

// JSX via esbuild's automatic runtime (no React plugin needed).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../Host/wwwroot',
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // TanStack Query's "use client" directives are meaningless in a SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:5100', changeOrigin: false } },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // The unit tests are pure functions over plain data; each stub or fake timer is undone in its afterEach. Run in
    // one worker without a fresh module graph per file: 24 s and 30 CPU-seconds became 4 and 4 on two cores
    // (docs/operations/testing.md).
    pool: 'threads',
    isolate: false,
  },
});
