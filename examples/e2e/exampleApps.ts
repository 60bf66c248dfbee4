/** The example apps the end-to-end tests build and serve, each on its own port. */
export const EXAMPLE_APPS = [{ name: 'vanilla', port: 4173 }] as const;
