import { defineConfig } from 'vite';
import { exampleAppConfig } from './exampleAppConfig.ts';

export default defineConfig(
  exampleAppConfig(import.meta.url, { previewPort: 4174, devPort: 5174, dedupe: ['react', 'react-dom'] }),
);
