// Builds the explorer (a React single-page app) into dist/explorer, served by the API server at
// /explore (src/http/explorer.routes.ts). JSX goes through Vite's own oxc transform: the React
// plugin is not installed because its Babel would clash with jest's. For live editing, run
// `npx vite --config explorer/vite.config.mts` beside `npm start`: /graphql is proxied to the API.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Vite reads the config module's default export: the one place this project uses one.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig(({ command }) => ({
  root: here,
  base: '/explore/',
  logLevel: 'warn',
  // A build emits production JSX whatever NODE_ENV says (jest sets "test"), to match React's production build below.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: command !== 'build' } },
  // A build is always React's production build, even when NODE_ENV says otherwise (jest sets "test").
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  server: { proxy: { '/graphql': process.env.DISCGRAPH_API ?? 'http://127.0.0.1:4000' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/explorer', import.meta.url)),
    emptyOutDir: true,
    // Cytoscape and Chart.js are split into their own lazily loaded chunks (see App.tsx); the
    // graph chunk is still larger than Vite's default 500 kB hint.
    chunkSizeWarningLimit: 1000,
  },
}));
