// Builds GraphiQL into dist/graphiql, served by the API server at /graphiql
// (src/http/graphiql.routes.ts). The Monaco editor's web workers become files of the bundle
// (graphiql/setup-workers/vite) and the fonts are in its stylesheet, so nothing is fetched from a
// CDN. README.md is bundled as text: its example operations are the IDE's tabs (src/examples.ts).
// For live editing, run `npx vite --config graphiql/vite.config.mts` beside `npm start`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Vite reads the config module's default export.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig(({ command }) => ({
  root: here,
  base: '/graphiql/',
  logLevel: 'warn',
  // A build is always React's production build, even when NODE_ENV says otherwise (jest sets "test"),
  // with JSX compiled for it.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: command !== 'build' } },
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  server: { proxy: { '/graphql': process.env.DISCGRAPH_API ?? 'http://127.0.0.1:4000' } },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/graphiql', import.meta.url)),
    emptyOutDir: true,
    // The Monaco editor and its language workers are large by nature; the page loads them once.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // GraphiQL's React packages mark modules "use client" and "use no memo", which mean nothing
      // outside a React server or compiler build.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
}));
