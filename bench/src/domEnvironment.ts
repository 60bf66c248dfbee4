import { JSDOM } from 'jsdom';

let installed = false;

/**
 * Gives this Node process a DOM (jsdom), as vitest's jsdom environment does for the adapters' tests: every
 * window property Node does not have becomes a global. Node's own globals (fetch, URL, timers) stay, so
 * MSW keeps intercepting. Call it before importing react-dom or @vue/test-utils.
 */
export function installDomEnvironment(): void {
  if (installed) return;
  installed = true;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  });
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in globalThis) continue;
    Object.defineProperty(globalThis, key, {
      configurable: true,
      get: () => window[key as keyof typeof window],
    });
  }
  // Tells React that updates are wrapped in act(), as testing-library expects.
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
}
