import { fileURLToPath } from 'node:url';
import type { PluginOption, UserConfig } from 'vite';

export interface ExampleAppOptions {
  /** The `vite preview` port: the end-to-end tests serve the built app there. */
  readonly previewPort: number;
  readonly devPort: number;
  /** The framework's packages: the adapter's sources sit outside the app and must share its single copy. */
  readonly dedupe: string[];
  readonly plugins?: PluginOption[];
}

/**
 * The Vite config of a single-page example app (React, Vue) in the folder of `configUrl`: the workspace
 * packages run from source, as in the vanilla demo, so no package build is needed; the build has the app's
 * page and the MSAL redirect bridge's page.
 */
export function exampleAppConfig(configUrl: string, options: ExampleAppOptions): UserConfig {
  const root = fileURLToPath(new URL('.', configUrl));
  return {
    root,
    // One copy of MSW's generated worker serves every example app.
    publicDir: fileURLToPath(new URL('../vanilla/public', configUrl)),
    plugins: options.plugins ?? [],
    resolve: {
      alias: [
        {
          find: /^@teams-endpoint\/([a-z-]+)$/,
          replacement: fileURLToPath(new URL('../../packages/$1/src/index.ts', configUrl)),
        },
      ],
      dedupe: options.dedupe,
    },
    build: {
      target: 'es2022',
      rollupOptions: { input: { index: `${root}index.html`, redirect: `${root}redirect.html` } },
    },
    preview: { port: options.previewPort, strictPort: false },
    server: { port: options.devPort },
  };
}
