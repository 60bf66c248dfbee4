import type { PluginOption, UserConfig } from 'vite';

export interface DemoAppOptions {
  /** The `vite preview` port: the end-to-end tests serve the built app there. */
  readonly previewPort: number;
  readonly devPort: number;
  /** The HTML pages besides `index.html` and MSAL's `redirect.html`, by name (`acs-smoke`). */
  readonly pages?: readonly string[];
  /** The framework's packages, so that the app and its adapter share one copy (`['react', 'react-dom']`). */
  readonly dedupe?: string[];
  readonly plugins?: PluginOption[];
}

/** The Vite config of an example app in the folder of `configUrl` (see vite.js). */
export function demoAppConfig(configUrl: string, options: DemoAppOptions): UserConfig;
