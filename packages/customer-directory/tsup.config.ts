import { defineConfig, type Options } from 'tsup';
import shared from '../../tsup.package';

// The shared build, plus the CLI (`bin`) as its own entry; only the library has types.
export default defineConfig({
  ...(shared as Options),
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  dts: { entry: { index: 'src/index.ts' } },
});
