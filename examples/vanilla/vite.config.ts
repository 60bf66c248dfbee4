import { demoAppConfig } from '@teams-endpoint/demo-kit/vite';
import { defineConfig } from 'vite';

// One page for the app (its views are hash routes), MSAL's redirect bridge, and the ACS smoke test page.
export default defineConfig(
  demoAppConfig(import.meta.url, {
    previewPort: 4173,
    devPort: 5173,
    pages: ['acs-smoke'],
  }),
);
