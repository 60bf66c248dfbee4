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
  /** An app's imports that the built packages do not export (yet): left out of the entry, named in the table. */
  readonly missing?: readonly string[];
}

/** A bundle's size: minified, then gzip (level 9) and brotli (quality 11) of the minified code. */
export interface BundleSizes {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

export interface BundleRow extends Partial<BundleSizes> {
  readonly name: string;
  readonly external: readonly string[];
  readonly comparison: boolean;
  readonly missing?: readonly string[];
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

export const PSTN_APP = 'app: PSTN calls (core + react)';
export const VIDEO_APP = 'app: video meeting (core + react)';

/** What an app imports: names from the core and from the React adapter. */
export interface AppImports {
  readonly core: readonly string[];
  readonly react: readonly string[];
}

/** An app that places and answers PSTN calls: the endpoint, number parsing, the caller's name, the call hooks. */
export const PSTN_APP_IMPORTS: AppImports = {
  core: ['createTeamsEndpoint', 'parsePhoneNumber', 'remotePartyName'],
  react: ['TeamsEndpointProvider', 'useCall', 'useCalls', 'useSession'],
};

/** The same app with video meetings: tiles bound to streams, the gallery, device settings, the video component. */
export const VIDEO_APP_IMPORTS: AppImports = {
  core: [...PSTN_APP_IMPORTS.core, 'bindVideoStream', 'selectVideoGallery', 'createDeviceSettings'],
  react: [...PSTN_APP_IMPORTS.react, 'VideoStream', 'useParticipant'],
};

/**
 * The PSTN-only app as it was before the media work (commit f6758ac: its core and React adapter built with
 * their tsup config, bundled as {@link PSTN_APP} is, same esbuild), for the table's comparison.
 */
export const PSTN_APP_BEFORE_MEDIA = {
  commit: 'f6758ac',
  minifiedBytes: 98_659,
  gzipBytes: 31_538,
  brotliBytes: 28_409,
} as const;

/** The names a built module exports, read by esbuild without running it. */
export async function exportsOf(builtFile: string): Promise<ReadonlySet<string>> {
  const result = await build({
    entryPoints: [builtFile],
    bundle: false,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return new Set(Object.values(result.metafile.outputs).flatMap((output) => output.exports));
}

/**
 * An app's entry: exactly its imports, re-exported (so that tree shaking keeps them and drops the rest), from
 * the given builds of the core and the React adapter. Names those builds do not export are left out and listed.
 * The React adapter's own `@teams-endpoint/core` import must resolve to the same core build (from `reactDir`, as
 * in the workspace), so that the core is bundled once.
 */
export async function appEntry(
  name: string,
  imports: AppImports,
  builds: { readonly core: string; readonly react: string; readonly reactDir: string },
): Promise<BundleEntry> {
  const [coreExports, reactExports] = await Promise.all([exportsOf(builds.core), exportsOf(builds.react)]);
  const core = imports.core.filter((id) => coreExports.has(id));
  const react = imports.react.filter((id) => reactExports.has(id));
  const missing = [
    ...imports.core.filter((id) => !coreExports.has(id)),
    ...imports.react.filter((id) => !reactExports.has(id)),
  ];
  const line = (names: readonly string[], from: string) =>
    names.length > 0 ? [`export { ${names.join(', ')} } from ${JSON.stringify(from)};`] : [];
  return {
    name,
    contents: [...line(core, builds.core), ...line(react, builds.react)].join('\n'),
    resolveDir: builds.reactDir,
    external: peersOf(join(builds.reactDir, 'package.json')),
    comparison: false,
    missing,
  };
}

const workspaceBuilds = () => ({
  core: builtEntry('core'),
  react: builtEntry('react'),
  reactDir: packageDir('react'),
});

/** Every entry; `bench:check` leaves out the composite, which no budget uses. */
export async function bundleEntries(options: { readonly composite: boolean }): Promise<BundleEntry[]> {
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
    await appEntry(PSTN_APP, PSTN_APP_IMPORTS, workspaceBuilds()),
    await appEntry(VIDEO_APP, VIDEO_APP_IMPORTS, workspaceBuilds()),
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

export function sizesOf(code: Uint8Array): BundleSizes {
  return {
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

/** An entry bundled with {@link ESBUILD_SETTINGS}: the minified code and esbuild's metafile. */
export async function bundle(entry: BundleEntry): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    ...ESBUILD_SETTINGS,
    stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'js' },
    external: [...entry.external],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

/** esbuild's first error, or the error itself. */
export const bundleError = (error: unknown): string =>
  (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(error);

export async function measure(entry: BundleEntry): Promise<BundleRow> {
  const base = {
    name: entry.name,
    external: entry.external,
    comparison: entry.comparison,
    ...(entry.missing && entry.missing.length > 0 ? { missing: entry.missing } : {}),
  };
  try {
    const { code, metafile } = await bundle(entry);
    return { ...base, ...sizesOf(code), composition: composition(metafile) };
  } catch (error) {
    return { ...base, error: bundleError(error) };
  }
}

/** Section 5. Every entry bundled with the same esbuild settings, then gzip (level 9) and brotli (quality 11). */
export async function measureBundles(options: { readonly composite: boolean }): Promise<BundleRow[]> {
  return Promise.all((await bundleEntries(options)).map(measure));
}
