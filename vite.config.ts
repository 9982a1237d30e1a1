import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

// In dev the SPA runs on Vite's port and talks to the API server through this proxy.
const apiTarget = process.env.HERALD_DEV_API ?? 'http://127.0.0.1:3000';
// better-auth rejects requests whose Origin is not the server's public URL, and in
// dev the browser's origin is Vite's; present the server's own origin instead.
const apiOrigin = process.env.HERALD_DEV_ORIGIN ?? 'http://localhost:3000';

const proxy: ProxyOptions = {
  target: apiTarget,
  configure: (server) => {
    server.on('proxyReq', (request) => {
      if (request.getHeader('origin')) request.setHeader('origin', apiOrigin);
    });
  },
};

// twitter-text (the Studio's X counter, src/shared/studio) imports core-js 2 polyfills for ES2015
// features every browser Vite targets has natively; they only add weight (~11 kB gzipped) and a
// global. Resolve them to an empty module.
const dropCoreJsPolyfills: Plugin = {
  name: 'herald:drop-core-js-polyfills',
  enforce: 'pre',
  resolveId: (id) => (id.startsWith('core-js/modules/') ? '\0herald-empty-module' : null),
  load: (id) => (id === '\0herald-empty-module' ? 'export {};' : null),
};

// The server serves dist/web in production; Vite serves src/web in development.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), tailwindcss(), dropCoreJsPolyfills],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': proxy,
      '/webhooks': proxy,
      '/healthz': proxy,
      '/readyz': proxy,
    },
  },
});
