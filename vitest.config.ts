import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));
const nodeModulesDir = fileURLToPath(new URL('./node_modules', import.meta.url));

// Tests run against each workspace package's source, never its build output.
// A subpath export (`@teams-endpoint/testing/server`) maps to the file of that name in the package's src.
const alias = [
  ...readdirSync(packagesDir).map((name) => ({
    find: new RegExp(`^@teams-endpoint/${name}$`),
    replacement: `${packagesDir}/${name}/src/index.ts`,
  })),
  { find: /^@teams-endpoint\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}/$1/src/$2.ts` },
];

const devDependencies = (packageJson: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(packageJson, import.meta.url), 'utf8')).devDependencies;
const rootPins = devDependencies('./package.json');
/** `npm:react@18.2.0` → `18.2.0`: a root pin of an aliased copy. */
const pinnedVersion = (spec: string | undefined) => spec?.replace(/^npm:.+@/, '') ?? '';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The exact version of React or Vue this project is meant to run against, as pinned in a package.json. */
    frameworkVersion: string;
  }
}

const reactTests = 'packages/react/src/**/*.test.{ts,tsx}';
const vueTests = 'packages/vue/src/**/*.test.{ts,tsx}';

/**
 * One adapter's tests against one framework version. The newest version is the adapter's own devDependency;
 * an older floor is a copy pinned at the root that every import of the framework resolves to: `react`
 * (a plain name, so that pnpm gives it to `react-dom-18` as its peer), `react-dom-18`, `vue-3.4`. The
 * libraries that import the framework themselves are inlined, so that the alias reaches their imports too:
 * left to Node, they would load the newest copy beside the floor.
 */
function adapterProject(
  name: string,
  include: string,
  frameworkVersion: string,
  floor?: { alias: { find: RegExp; replacement: string }[]; inline: string[] },
): TestProjectInlineConfiguration {
  return {
    extends: true,
    ...(floor && { resolve: { alias: floor.alias } }),
    test: {
      name,
      include: [include],
      provide: { frameworkVersion },
      ...(floor && { server: { deps: { inline: floor.inline } } }),
    },
  };
}

const testingLibraryReact = realpathSync(`${packagesDir}/react/node_modules/@testing-library/react`);
const vueTestUtils = realpathSync(`${packagesDir}/vue/node_modules/@vue/test-utils`);
// Vue 3.4's own compiler and server renderer sit beside its package in the pnpm store.
const vueFloorStore = dirname(realpathSync(`${nodeModulesDir}/vue-3.4`));

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/src/**/*.test.tsx',
            'examples/contoso-server/src/**/*.test.ts',
            'examples/demo-kit/src/**/*.test.ts',
          ],
          // The adapters run once per framework version, in their own projects.
          exclude: [...configDefaults.exclude, reactTests, vueTests],
        },
      },
      adapterProject('react@19', reactTests, devDependencies('./packages/react/package.json').react!),
      adapterProject('react@18.2', reactTests, rootPins.react!, {
        alias: [
          { find: /^react(\/.*)?$/, replacement: `${nodeModulesDir}/react$1` },
          { find: /^react-dom(\/.*)?$/, replacement: 'react-dom-18$1' },
          // Its ES build: vitest resolves the CommonJS `main`, whose `require`s no alias reaches.
          {
            find: /^@testing-library\/react$/,
            replacement: `${testingLibraryReact}/dist/@testing-library/react.esm.js`,
          },
        ],
        inline: ['@testing-library/react'],
      }),
      adapterProject('vue@3.5', vueTests, devDependencies('./packages/vue/package.json').vue!),
      adapterProject('vue@3.4', vueTests, pinnedVersion(rootPins['vue-3.4']), {
        alias: [
          { find: /^vue(\/.*)?$/, replacement: 'vue-3.4$1' },
          { find: /^@vue\/(compiler-dom|server-renderer)$/, replacement: `${vueFloorStore}/@vue/$1` },
          { find: /^@vue\/test-utils$/, replacement: `${vueTestUtils}/dist/vue-test-utils.esm-bundler.mjs` },
        ],
        inline: ['@vue/test-utils'],
      }),
    ],
  },
});
