import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { builtEntry, type MeasuredPackage, packageDir } from './builtPackages';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** The same settings for every entry: what an app's production build does. */
export const ESBUILD_SETTINGS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  treeShaking: true,
  define: { 'process.env.NODE_ENV': '"production"' },
} as const satisfies BuildOptions;

export interface BundleEntry {
  readonly name: string;
  /** The module text bundled: re-exports of the measured API. */
  readonly contents: string;
  readonly resolveDir: string;
  /** Left out of the bundle: the entry's peer dependencies (and the core, which every package shares). */
  readonly external: readonly string[];
  readonly comparison: boolean;
}

export interface BundleRow {
  readonly name: string;
  readonly external: readonly string[];
  readonly comparison: boolean;
  readonly minifiedBytes?: number;
  readonly gzipBytes?: number;
  readonly brotliBytes?: number;
  /** Minified bytes by source package. */
  readonly composition?: Readonly<Record<string, number>>;
  /** Why the entry could not be bundled. */
  readonly error?: string;
}

const CORE = '@teams-endpoint/core';

function peersOf(packageJsonPath: string): string[] {
  const { peerDependencies = {} } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    peerDependencies?: Record<string, string>;
  };
  return Object.keys(peerDependencies).filter((name) => !name.startsWith('@types/'));
}

const ours = (name: MeasuredPackage): BundleEntry => ({
  name,
  contents: `export * from ${JSON.stringify(builtEntry(name))};`,
  resolveDir: packageDir(name),
  external: [...peersOf(join(packageDir(name), 'package.json')), ...(name === 'core' ? [] : [CORE])],
  comparison: false,
});

const communicationReactPeers = () =>
  peersOf(join(benchDir, 'node_modules', '@azure', 'communication-react', 'package.json'));

const communicationReact = (name: string, exports: readonly string[]): BundleEntry => ({
  name,
  contents: `export { ${exports.join(', ')} } from '@azure/communication-react';`,
  resolveDir: benchDir,
  external: communicationReactPeers(),
  comparison: true,
});

export const CORE_AND_REACT = 'core + react';
export const STATEFUL_CLIENT = '@azure/communication-react: createStatefulCallClient';
export const TEAMS_COMPOSITE = '@azure/communication-react: Teams call adapter + CallComposite';

/** Every entry; `bench:check` leaves out the composite, which no budget uses. */
export function bundleEntries(options: { readonly composite: boolean }): BundleEntry[] {
  const reactPeers = peersOf(join(packageDir('react'), 'package.json'));
  return [
    ...(['core', 'react', 'vue', 'vanilla', 'graph', 'msal', 'acs'] as const).map(ours),
    {
      name: CORE_AND_REACT,
      contents: [builtEntry('core'), builtEntry('react')]
        .map((path) => `export * from ${JSON.stringify(path)};`)
        .join('\n'),
      resolveDir: packageDir('react'),
      external: reactPeers,
      comparison: false,
    },
    communicationReact(STATEFUL_CLIENT, ['createStatefulCallClient']),
    ...(options.composite
      ? [
          communicationReact(TEAMS_COMPOSITE, [
            'createTeamsCallAdapter',
            'useTeamsCallAdapter',
            'CallComposite',
          ]),
        ]
      : []),
  ];
}

/** The package a bundled file comes from, or `own code` for the entry's own package. */
function sourceOf(path: string): string {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match ? match[1]! : 'own code';
}

function composition(metafile: Metafile): Record<string, number> {
  const bySource: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) bySource[sourceOf(path)] = (bySource[sourceOf(path)] ?? 0) + bytesInOutput;
    }
  }
  return bySource;
}

async function measure(entry: BundleEntry): Promise<BundleRow> {
  const base = { name: entry.name, external: entry.external, comparison: entry.comparison };
  try {
    const result = await build({
      ...ESBUILD_SETTINGS,
      stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'js' },
      external: [...entry.external],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    return {
      ...base,
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
      composition: composition(result.metafile),
    };
  } catch (error) {
    const errors = (error as { errors?: { text: string }[] }).errors;
    return { ...base, error: errors?.[0]?.text ?? String(error) };
  }
}

/** Section 5. Every entry bundled with the same esbuild settings, then gzip (level 9) and brotli (quality 11). */
export function measureBundles(options: { readonly composite: boolean }): Promise<BundleRow[]> {
  return Promise.all(bundleEntries(options).map(measure));
}
