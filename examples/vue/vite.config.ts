import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { exampleAppConfig } from '../react/exampleAppConfig.ts';

export default defineConfig(
  exampleAppConfig(import.meta.url, { previewPort: 4175, devPort: 5175, dedupe: ['vue'], plugins: [vue()] }),
);
