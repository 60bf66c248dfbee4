import { demoAppConfig } from '@teams-endpoint/demo-kit/vite';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig(
  demoAppConfig(import.meta.url, { previewPort: 4175, devPort: 5175, dedupe: ['vue'], plugins: [vue()] }),
);
