// Shared by the model-based tests of the machines.

interface Matchable {
  matches(key: string): boolean;
}

/** The TestModel's state matcher: a key is a state path such as `live.connected`. */
export const matchesStateKey = (state: unknown, key: string): boolean => (state as Matchable).matches(key);

/**
 * The state keys that some path passes through. Shortest paths that are prefixes of longer ones are merged
 * into them, so every state on the way counts, not only where each path ends.
 */
export function statesReached(
  paths: readonly { state: unknown; steps: readonly { state: unknown }[] }[],
  keys: readonly string[],
): string[] {
  const reached = new Set<string>();
  for (const path of paths) {
    for (const { state } of [...path.steps, { state: path.state }]) {
      for (const key of keys) if (matchesStateKey(state, key)) reached.add(key);
    }
  }
  return [...reached].sort();
}
