// jsdom ships no types and @types/jsdom is not installed: the slice the bench uses.
declare module 'jsdom' {
  export interface ConstructorOptions {
    readonly url?: string;
    readonly pretendToBeVisual?: boolean;
  }
  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions);
    readonly window: Window & typeof globalThis;
  }
}
