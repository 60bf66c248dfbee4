import { demoAppConfig } from '@teams-endpoint/demo-kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(
  demoAppConfig(import.meta.url, { previewPort: 4174, devPort: 5174, dedupe: ['react', 'react-dom'] }),
);
