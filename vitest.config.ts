import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));

// Tests run against each workspace package's source, never its build output.
// A subpath export (`@teams-endpoint/testing/server`) maps to the file of that name in the package's src.
const alias = [
  ...readdirSync(packagesDir).map((name) => ({
    find: new RegExp(`^@teams-endpoint/${name}$`),
    replacement: `${packagesDir}/${name}/src/index.ts`,
  })),
  { find: /^@teams-endpoint\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}/$1/src/$2.ts` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.tsx',
      'examples/contoso-server/src/**/*.test.ts',
    ],
    environment: 'node',
    restoreMocks: true,
  },
});
