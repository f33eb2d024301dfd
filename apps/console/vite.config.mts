/**
 * The console's build: a single-page app served by the API at /console, everything
 * bundled (no CDN, no remote font). The build prints what the first load costs gzipped
 * and fails when it passes the budget.
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const FIRST_LOAD_BUDGET_BYTES = 250 * 1024;

/** Sums the gzipped JavaScript and CSS of the entry chunk and everything it imports statically. */
function firstLoadBudget(): Plugin {
  return {
    name: 'first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const file = bundle[fileName];
        if (file?.type === 'chunk') {
          file.imports.forEach(visit);
          file.viteMetadata?.importedCss.forEach((css) => seen.add(css));
        }
      };
      visit(entry.fileName);
      let total = 0;
      for (const fileName of seen) {
        const file = bundle[fileName];
        const source = file.type === 'chunk' ? file.code : file.source;
        total += gzipSync(typeof source === 'string' ? Buffer.from(source) : Buffer.from(source)).length;
      }
      const lazy = Object.values(bundle).filter((file) => file.type === 'chunk' && !seen.has(file.fileName));
      const lazyBytes = lazy.reduce((sum, file) => sum + (file.type === 'chunk' ? gzipSync(file.code).length : 0), 0);
      const kb = (bytes: number) => (bytes / 1024).toFixed(1);
      console.warn(
        `console: first load ${kb(total)} kB gzipped (JS and CSS of ${seen.size} files; budget ${kb(FIRST_LOAD_BUDGET_BYTES)} kB); ` +
          `${lazy.length} lazy chunks ${kb(lazyBytes)} kB gzipped`,
      );
      if (total > FIRST_LOAD_BUDGET_BYTES) this.error(`the console's first load is ${kb(total)} kB gzipped, over the ${kb(FIRST_LOAD_BUDGET_BYTES)} kB budget`);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [firstLoadBudget()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // the budget that matters is the gzipped first load, checked above; Vite's raw-size warning adds nothing
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // React Query marks its modules "use client" for server-component bundlers; meaningless in a SPA
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `vite --config apps/console/vite.config.mts` serves the console with live reload against an API (CONSOLE_API_URL, default :3000)
  server: { proxy: Object.fromEntries(['/v1', '/openapi.json'].map((path) => [path, process.env.CONSOLE_API_URL ?? 'http://localhost:3000'])) },
});
