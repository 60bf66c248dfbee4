/**
 * Whether development warnings are on: Vite's `import.meta.env.DEV`, else `process.env.NODE_ENV` (which
 * bundlers replace). Neither may exist (a browser without a bundler, the CommonJS build): then it is off.
 */
export function isDevelopment(): boolean {
  try {
    return (
      (import.meta as ImportMeta & { env?: { DEV?: boolean } }).env?.DEV ??
      process.env.NODE_ENV !== 'production'
    );
  } catch {
    return false;
  }
}
