import type { Customer } from '@teams-endpoint/core';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { type ListState, useList } from './useList';

/**
 * The vendor's customers (use cases 1 and 2), loaded on first use.
 *
 * @example
 * const { snapshot } = useCustomers();
 * const endpoint = injectTeamsEndpoint();
 * // <button v-for="c in snapshot.items" :key="c.id" @click="endpoint.callPhoneNumber(c.phoneNumber)">{{ c.name }}</button>
 */
export function useCustomers(): ListState<Customer, null> {
  return useList(injectTeamsEndpoint().customers);
}
