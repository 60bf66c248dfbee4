/** The example apps the end-to-end tests build and serve, each on its own port. */
export const EXAMPLE_APPS = [
  { name: 'vanilla', port: 4173 },
  { name: 'react', port: 4174 },
  { name: 'vue', port: 4175 },
] as const;
