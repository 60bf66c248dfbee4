// Test support shared by the Vue adapter's tests: mount a setup function with the endpoint plugin, and drive
// the simulated world, then let the batched notifications and Vue's scheduler run.
import type { TeamsEndpoint } from '@teams-endpoint/core';
import { type DOMWrapper, enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, vi } from 'vitest';
import { defineComponent, nextTick, type VNodeChild } from 'vue';
import { settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { createTeamsEndpointPlugin } from './teamsEndpointInjection';

/** Unmounts what each test mounted. */
export function useMountCleanup(): void {
  enableAutoUnmount(afterEach);
}

export function mountWithEndpoint(setup: () => () => VNodeChild, endpoint: TeamsEndpoint): VueWrapper {
  return mount(defineComponent({ setup }), { global: { plugins: [createTeamsEndpointPlugin(endpoint)] } });
}

/** Runs what the remote side or the network does, then lets the notifications reach the DOM. */
export async function remotely(action: () => void): Promise<void> {
  action();
  await settle();
  await nextTick();
}

/** Waits until the mounted text contains `text` (Graph answers and sign-in take a few turns). */
export async function untilText(wrapper: VueWrapper, text: string): Promise<void> {
  await vi.waitFor(() => {
    if (!wrapper.text().includes(text)) throw new Error(`"${text}" not in "${wrapper.text()}"`);
  });
}

export function button(wrapper: VueWrapper, text: string): DOMWrapper<HTMLButtonElement> {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === text);
  if (!found) throw new Error(`No button "${text}" in "${wrapper.text()}"`);
  return found;
}
