import { type ContactsPort, type Customer, type SignalOption, throwIfAborted } from '@teams-endpoint/core';

export type InMemoryContactsMethod = 'listCustomers' | 'findCustomerByPhoneNumber';

/** An in-memory {@link ContactsPort} with call counters for tests. */
export interface InMemoryContacts extends ContactsPort {
  /** How many times each method was called. */
  readonly calls: Readonly<Record<InMemoryContactsMethod, number>>;
}

/**
 * A {@link ContactsPort} backed by a fixed list of customers (for example `fabrikam.customers`).
 * `findCustomerByPhoneNumber` compares E.164 strings exactly: normalizing input is the caller's job.
 *
 * @example
 * const contacts = createInMemoryContacts(fabrikam.customers);
 * await contacts.findCustomerByPhoneNumber('+14255550101'); // Megan Customer
 */
export function createInMemoryContacts(customers: readonly Customer[]): InMemoryContacts {
  const list: readonly Customer[] = Object.freeze(
    customers.map((customer) => Object.freeze({ ...customer })),
  );
  const byPhoneNumber = new Map<string, Customer>();
  for (const customer of list) {
    if (!byPhoneNumber.has(customer.phoneNumber)) byPhoneNumber.set(customer.phoneNumber, customer);
  }
  const calls: Record<InMemoryContactsMethod, number> = { listCustomers: 0, findCustomerByPhoneNumber: 0 };

  return {
    calls,
    async listCustomers(options?: SignalOption) {
      calls.listCustomers += 1;
      throwIfAborted(options?.signal);
      return list;
    },
    async findCustomerByPhoneNumber(phoneNumber: string, options?: SignalOption) {
      calls.findCustomerByPhoneNumber += 1;
      throwIfAborted(options?.signal);
      return byPhoneNumber.get(phoneNumber) ?? null;
    },
  };
}
