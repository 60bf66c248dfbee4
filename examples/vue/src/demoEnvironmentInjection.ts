import type { DemoEnvironment } from '@teams-endpoint/demo-kit';
import { type InjectionKey, inject } from 'vue';

export const demoEnvironmentKey: InjectionKey<DemoEnvironment> = Symbol('demo environment');

/** The simulated or real environment the app was mounted with (its mode, and the simulator if simulated). */
export function injectDemoEnvironment(): DemoEnvironment {
  const environment = inject(demoEnvironmentKey);
  if (!environment) throw new Error('The app was mounted without its demo environment.');
  return environment;
}
