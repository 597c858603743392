import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { graphqlDocuments } from './scripts/graphql-documents-plugin.ts';

const rxjsRoot = dirname(createRequire(import.meta.url).resolve('rxjs/package.json'));

// The storefront's build. In development (`npm run dev -w @bookstore/web`) Vite serves the app
// and proxies /graphql (HTTP and WebSocket) to the embedded stack on :4000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [graphqlDocuments(join(import.meta.dirname, 'src', 'gql')), react()],
  resolve: {
    // rxjs's ES2015 build: the default ES5 one (with tslib helpers) is a few kB larger.
    alias: [{ find: /^rxjs$/, replacement: join(rxjsRoot, 'dist/esm/index.js') }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under /assets/: served immutable, index.html is not.
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: false,
    // React DOM alone is 200 kB minified; bench/web.ts holds the budget that matters (gzipped initial JS).
    chunkSizeWarningLimit: 600,
    // bench/web.ts reads it to measure what the first page loads.
    manifest: true,
  },
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
