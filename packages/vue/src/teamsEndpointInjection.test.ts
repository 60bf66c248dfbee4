// @vitest-environment jsdom
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import {
  createFabrikamEndpoint,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { mountWithEndpoint, useMountCleanup } from './endpointMount.test-support';
import { injectTeamsEndpoint, provideTeamsEndpoint } from './teamsEndpointInjection';
import { useSession } from './useSession';

useGraphServer();
useMountCleanup();

const SessionStatus = defineComponent({
  setup() {
    const session = useSession();
    return () => h('p', session.value.status);
  },
});

describe('providing the endpoint', () => {
  it('the plugin provides it to the whole app', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    let injected: unknown;
    const wrapper = mountWithEndpoint(() => {
      injected = injectTeamsEndpoint();
      return () => h(SessionStatus);
    }, endpoint);
    expect(injected).toBe(endpoint);
    expect(wrapper.text()).toBe('signed_out');
  });

  it('provideTeamsEndpoint provides it to descendants', async () => {
    const { endpoint } = await createFabrikamEndpoint();
    const wrapper = mount(
      defineComponent({
        setup() {
          provideTeamsEndpoint(endpoint);
          return () => h(SessionStatus);
        },
      }),
    );
    expect(wrapper.text()).toBe('ready');
  });

  it('tells the developer what is missing without a provider or outside setup()', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => mount(SessionStatus)).toThrowError(/injectTeamsEndpoint\(\) found no endpoint/);
    expect(() => injectTeamsEndpoint()).toThrowError(/Call it inside setup\(\)/);
  });
});
