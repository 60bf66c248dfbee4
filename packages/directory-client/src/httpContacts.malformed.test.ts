import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './directoryResponses';
import {
  BASE_URL,
  CUSTOMERS_URL,
  customer,
  directoryRejection,
  LOOKUP_URL,
  recordingTokenSource,
  streamedLookup,
  useDirectoryServer,
} from './directoryServer.test-support';
import { createHttpContacts } from './httpContacts';

const server = useDirectoryServer();
const contacts = createHttpContacts({
  baseUrl: BASE_URL,
  getAccessToken: recordingTokenSource().getAccessToken,
});
const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });

/** A 200 body, with the Content-Type it is served with. */
interface Answer {
  readonly body: string | Uint8Array;
  readonly contentType: string | null;
}

/** Bodies of either endpoint that break the contract, by class. Each must give `malformed_response`. */
const customerClasses: Record<string, unknown> = {
  'a customer that is an array': [],
  'a customer that is a string': 'Megan',
  'a customer without an id': { name: 'Megan', phoneNumber: '+14255550001' },
  'a customer with an empty id': { ...customer(1), id: '' },
  'a customer with a numeric id': { ...customer(1), id: 1 },
  'a customer id of 257 characters': { ...customer(1), id: 'i'.repeat(257) },
  'a customer without a name': { id: 'c-1', phoneNumber: '+14255550001' },
  'a customer name that is null': { ...customer(1), name: null },
  'a customer name that is an object': { ...customer(1), name: { first: 'Megan' } },
  'a customer name of 1,001 characters': { ...customer(1), name: 'n'.repeat(1001) },
  'a customer company that is a number': { ...customer(1), company: 7 },
  'a customer company of 1,001 characters': { ...customer(1), company: 'c'.repeat(1001) },
  'a phone number without +': { ...customer(1), phoneNumber: '14255550001' },
  'a phone number with spaces': { ...customer(1), phoneNumber: '+1 425 555 0001' },
  'a phone number that is a number': { ...customer(1), phoneNumber: 14255550001 },
  'a phone number with a leading 0': { ...customer(1), phoneNumber: '+04255550001' },
  'a phone number with 16 digits': { ...customer(1), phoneNumber: '+1425555000112345' },
  'a phone number as markup': { ...customer(1), phoneNumber: '<a href="tel:+14255550001">call</a>' },
};

const pageClasses: Record<string, Answer> = {
  'an HTML page': { body: '<!doctype html><title>Directory</title>', contentType: 'text/html' },
  'JSON served as text/html': { body: '{"customers":[],"nextCursor":null}', contentType: 'text/html' },
  'JSON without a Content-Type': { body: '{"customers":[],"nextCursor":null}', contentType: null },
  'truncated JSON': { body: '{"customers":[', contentType: 'application/json' },
  'an empty body': { body: '', contentType: 'application/json' },
  'invalid UTF-8': { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), contentType: 'application/json' },
  null: json(null),
  'an array': json([customer(1)]),
  'no customers field': json({ nextCursor: null }),
  'customers that is an object': json({ customers: { 0: customer(1) }, nextCursor: null }),
  'no nextCursor field': json({ customers: [] }),
  'an empty nextCursor': json({ customers: [], nextCursor: '' }),
  'a numeric nextCursor': json({ customers: [], nextCursor: 2 }),
  'a nextCursor of 2,049 characters': json({ customers: [], nextCursor: 'x'.repeat(2049) }),
  'more customers than the limit': json({
    customers: Array.from({ length: 3 }, (_, n) => customer(n)),
    nextCursor: null,
  }),
  ...Object.fromEntries(
    Object.entries(customerClasses).map(([name, value]) => [
      name,
      json({ customers: [value], nextCursor: null }),
    ]),
  ),
};

const lookupClasses: Record<string, Answer> = {
  'an HTML page': { body: '<html><body>Sign in</body></html>', contentType: 'text/html; charset=utf-8' },
  'no customer field': json({}),
  'customer: undefined spelled as a string': json({ customer: 'undefined' }),
  'a customer with another number': json({ customer: customer(2) }),
  ...Object.fromEntries(
    Object.entries(customerClasses).map(([name, value]) => [name, json({ customer: value })]),
  ),
};

function serve(url: string, { body, contentType }: Answer) {
  server.use(
    http.get(
      url,
      () =>
        new HttpResponse(body, {
          status: 200,
          headers: contentType === null ? {} : { 'Content-Type': contentType },
        }),
    ),
  );
}

describe('createHttpContacts: answers that break the contract give malformed_response', () => {
  it.each(Object.entries(pageClasses))('searchCustomers: %s', async (_, answer) => {
    serve(CUSTOMERS_URL, answer);
    const error = await directoryRejection(contacts.searchCustomers('', { limit: 2 }));
    expect(error).toMatchObject({
      code: 'malformed_response',
      retryable: true,
      details: { operation: 'searchCustomers' },
    });
  });

  it.each(Object.entries(pageClasses))('listCustomers: %s', async (_, answer) => {
    serve(CUSTOMERS_URL, answer);
    const list = createHttpContacts({
      baseUrl: BASE_URL,
      pageSize: 2,
      getAccessToken: recordingTokenSource().getAccessToken,
    });
    const error = await directoryRejection(list.listCustomers());
    expect(error).toMatchObject({ code: 'malformed_response', details: { operation: 'listCustomers' } });
  });

  it.each(Object.entries(lookupClasses))('findCustomerByPhoneNumber: %s', async (_, answer) => {
    serve(LOOKUP_URL, answer);
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({
      code: 'malformed_response',
      details: { operation: 'findCustomerByPhoneNumber' },
    });
  });

  it('refuses a body larger than MAX_BODY_BYTES, declared or streamed, without reading it all', async () => {
    serve(LOOKUP_URL, json({ customer: null, padding: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'))).toMatchObject({
      code: 'malformed_response',
    });

    let pulled = 0;
    server.use(
      streamedLookup({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        },
      }),
    );
    expect(await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'))).toMatchObject({
      code: 'malformed_response',
    });
    expect(pulled).toBeLessThan(MAX_BODY_BYTES / (64 * 1024) + 4);
  });

  it('accepts the edges of the bounds and a JSON media type with parameters', async () => {
    const edge = {
      id: 'i'.repeat(256),
      name: 'n'.repeat(1000),
      company: 'c'.repeat(1000),
      phoneNumber: '+142555500011234',
    };
    serve(CUSTOMERS_URL, {
      body: JSON.stringify({ customers: [edge], nextCursor: 'x'.repeat(2048) }),
      contentType: 'application/json; charset=utf-8',
    });
    expect(await contacts.searchCustomers('', { limit: 1 })).toEqual({
      customers: [edge],
      nextCursor: 'x'.repeat(2048),
    });
  });
});
