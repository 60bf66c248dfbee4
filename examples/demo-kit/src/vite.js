// Plain JavaScript (typed by vite.d.ts): Vite loads a config's linked packages with Node, which runs no TypeScript.
import { fileURLToPath } from 'node:url';

/**
 * The Vite config of an example app in the folder of `configUrl`: its pages (`index.html`, MSAL's redirect
 * bridge `redirect.html`, and `pages`), and the demo kit's public folder, which serves MSW's worker and the
 * favicon. The workspace packages resolve as any npm package does, to their build: run `pnpm build` first.
 *
 * @param {string} configUrl
 * @param {import('./vite').DemoAppOptions} options
 * @returns {import('vite').UserConfig}
 */
export function demoAppConfig(configUrl, options) {
  const root = fileURLToPath(new URL('.', configUrl));
  const pages = ['index', 'redirect', ...(options.pages ?? [])];
  return {
    root,
    publicDir: fileURLToPath(new URL('../public', import.meta.url)),
    plugins: options.plugins ?? [],
    resolve: { dedupe: options.dedupe ?? [] },
    build: {
      target: 'es2022',
      rollupOptions: { input: Object.fromEntries(pages.map((page) => [page, `${root}${page}.html`])) },
    },
    preview: { port: options.previewPort, strictPort: false },
    server: { port: options.devPort },
  };
}
