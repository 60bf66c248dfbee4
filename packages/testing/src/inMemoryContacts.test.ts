import { TeamsEndpointError } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { fabrikam } from './fabrikam';
import { createInMemoryContacts } from './inMemoryContacts';

describe('createInMemoryContacts', () => {
  it('lists the customers and finds one by exact E.164 number, counting calls', async () => {
    const contacts = createInMemoryContacts(fabrikam.customers);
    expect(await contacts.listCustomers()).toEqual(fabrikam.customers);
    expect((await contacts.findCustomerByPhoneNumber('+14255550101'))?.name).toBe('Megan Customer');
    expect(await contacts.findCustomerByPhoneNumber('+1 425 555 0101')).toBeNull();
    expect(await contacts.findCustomerByPhoneNumber('14255550101')).toBeNull();
    expect(contacts.calls).toEqual({ listCustomers: 1, findCustomerByPhoneNumber: 3 });
  });

  it('rejects with aborted when the signal is already aborted', async () => {
    const contacts = createInMemoryContacts(fabrikam.customers);
    const controller = new AbortController();
    controller.abort();
    const error = await contacts.listCustomers({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsEndpointError);
    expect((error as TeamsEndpointError).code).toBe('aborted');
  });
});
