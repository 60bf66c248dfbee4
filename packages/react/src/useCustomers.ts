import type { Customer } from '@teams-endpoint/core';
import { type ListState, useList } from './useList';
import { useTeamsEndpoint } from './useTeamsEndpoint';

/**
 * The vendor's customers (use cases 1 and 2), loaded on first use.
 *
 * @example
 * const { snapshot } = useCustomers();
 * const endpoint = useTeamsEndpoint();
 * snapshot.items.map((customer) => (
 *   <button key={customer.id} onClick={() => endpoint.callPhoneNumber(customer.phoneNumber)}>{customer.name}</button>
 * ));
 */
export function useCustomers(): ListState<Customer, null> {
  return useList(useTeamsEndpoint().customers);
}
