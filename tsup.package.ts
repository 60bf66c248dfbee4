import { defineConfig } from 'tsup';

/** The build every package shares: ESM + CJS + `.d.ts` from `src/index.ts`; dependencies and peers stay external. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
});
