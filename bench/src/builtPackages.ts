import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The workspace packages the benchmarks load or bundle. */
export const measuredPackages = [
  'core',
  'graph',
  'testing',
  'react',
  'vue',
  'vanilla',
  'msal',
  'acs',
  'token-exchange',
  'customer-directory',
] as const;
export type MeasuredPackage = (typeof measuredPackages)[number];

export const packageDir = (name: MeasuredPackage): string => join(workspaceRoot, 'packages', name);

/** The built ESM entry, which is what `@teams-endpoint/<name>` resolves to and what an app bundles. */
export const builtEntry = (name: MeasuredPackage): string => join(packageDir(name), 'dist', 'index.js');

const isBuildInput = (file: string) => !/\.test(-support)?\.tsx?$/.test(file);

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (isBuildInput(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(name: MeasuredPackage): boolean {
  const entry = builtEntry(name);
  if (!existsSync(entry)) return true;
  const inputs = ['package.json', 'tsup.config.ts']
    .map((file) => join(packageDir(name), file))
    .filter((file) => existsSync(file))
    .map((file) => statSync(file).mtimeMs);
  return Math.max(newestSourceTime(join(packageDir(name), 'src')), ...inputs) > statSync(entry).mtimeMs;
}

/**
 * The benchmarks measure what ships: each package's `dist`. From a fresh clone, or after a source changed,
 * this runs the same build as CI first (CI builds before `bench:check`, so there it does nothing).
 */
export function ensurePackagesBuilt(): void {
  const stale = measuredPackages.filter(isStale);
  if (stale.length === 0) return;
  const { packageManager } = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  console.log(
    `Building the workspace packages first (not built, or older than their sources: ${stale.join(', ')}).`,
  );
  const build = spawnSync('npx', ['-y', packageManager, '-r', '--filter', './packages/*', 'build'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    throw new Error('The workspace build failed; the benchmarks need the packages built.');
  }
}
