import { getCurrentInstance, getCurrentScope, onMounted } from 'vue';
import { isDevelopment } from './isDevelopment';

/** Warns in development that a composable's subscription has no effect scope to remove it. */
export function warnOutsideScope(): void {
  if (isDevelopment()) {
    console.warn(
      '[@teams-endpoint/vue] A composable was called outside an effect scope, so its subscription is never ' +
        'removed. Call it inside setup() or effectScope().run().',
    );
  }
}

/**
 * Runs `start` on the client only. In a component it waits for the mount: server rendering never mounts, so
 * nothing subscribes or loads there and nothing is left behind per render. In a bare effect scope it runs at
 * once. What `start` creates belongs to the current scope (the component's, in `onMounted`): its watchers
 * and `onScopeDispose` callbacks stop with it.
 */
export function startOnClient(start: () => void): void {
  if (getCurrentInstance()) {
    onMounted(start);
    return;
  }
  if (!getCurrentScope()) warnOutsideScope();
  start();
}
