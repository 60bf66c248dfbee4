import type { TeamsEndpoint } from '@teams-endpoint/core';
import { type App, hasInjectionContext, type InjectionKey, inject, provide } from 'vue';

const teamsEndpointKey: InjectionKey<TeamsEndpoint> = Symbol('@teams-endpoint/vue');

/**
 * Provides the endpoint to this component's descendants; call it in a `setup()`.
 *
 * @example
 * setup() {
 *   provideTeamsEndpoint(createTeamsEndpoint({ identity, graph, calling, contacts }));
 * }
 */
export function provideTeamsEndpoint(endpoint: TeamsEndpoint): void {
  provide(teamsEndpointKey, endpoint);
}

/**
 * A plugin that provides the endpoint to the whole app.
 *
 * @example
 * createApp(App).use(createTeamsEndpointPlugin(endpoint)).mount('#app');
 */
export function createTeamsEndpointPlugin(endpoint: TeamsEndpoint): { install(app: App): void } {
  return {
    install(app) {
      app.provide(teamsEndpointKey, endpoint);
    },
  };
}

/**
 * The endpoint provided by {@link createTeamsEndpointPlugin} or {@link provideTeamsEndpoint}: every action
 * lives on it and on its calls. Call it in a `setup()`.
 *
 * @example
 * const endpoint = injectTeamsEndpoint();
 * const call = () => endpoint.callPhoneNumber(customer.phoneNumber);
 */
export function injectTeamsEndpoint(): TeamsEndpoint {
  const endpoint = hasInjectionContext() ? inject(teamsEndpointKey, null) : null;
  if (!endpoint) {
    throw new Error(
      'injectTeamsEndpoint() found no endpoint. Call it inside setup(), in an app that uses ' +
        'app.use(createTeamsEndpointPlugin(endpoint)) or below a component that calls provideTeamsEndpoint(endpoint).',
    );
  }
  return endpoint;
}
