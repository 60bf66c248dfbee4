let count = 0;

/**
 * A page-unique id for an element that another one points at (`for`, `aria-describedby`). The app renders in
 * the browser only, so a counter is enough; Vue 3.5's `useId` would tie the app to 3.5.
 */
export function elementId(purpose: string): string {
  count += 1;
  return `${purpose}-${count}`;
}
