import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { graphqlDocuments } from './scripts/graphql-documents-plugin.ts';

/**
 * V8's explicit compile hint on the entry chunk (https://v8.dev/blog/explicit-compile-hints):
 * nearly every function in it (React, the router, Apollo Client, the catalogue) runs while the
 * first page loads, so V8 compiles them all while the file streams in, on a background thread,
 * rather than each one on the main thread when first called (lazily loaded pages keep V8's
 * default). V8 reads the comment only on the file's first line, so it goes in after Vite has
 * added its own first line (the map of lazy chunks' dependencies), which is after the file was
 * named by its hash. The comment is the same in every build, so a name still stands for one
 * program; a browser holding the file from before this hint runs the same code without it.
 */
function compileHint(): Plugin {
  return {
    name: 'bookstore:compile-hint',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      },
    },
  };
}

const rxjsRoot = dirname(createRequire(import.meta.url).resolve('rxjs/package.json'));

// The storefront's build. In development (`npm run dev -w @bookstore/web`) Vite serves the app
// and proxies /graphql (HTTP and WebSocket) to the embedded stack on :4000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [graphqlDocuments(join(import.meta.dirname, 'src', 'gql')), react(), compileHint()],
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
