import { TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { delay, HttpResponse, http, type JsonBodyType } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  BASE_URL,
  CUSTOMERS_URL,
  customer,
  customers,
  directoryRejection,
  FIRST_TOKEN,
  LOOKUP_URL,
  REFRESHED_TOKEN,
  recordingTokenSource,
  streamedLookup,
  useDirectoryServer,
} from './directoryServer.test-support';
import { createHttpContacts, type HttpContactsOptions } from './httpContacts';

const server = useDirectoryServer();

function contactsWith(options: Partial<HttpContactsOptions> = {}) {
  const tokens = recordingTokenSource();
  const contacts = createHttpContacts({
    baseUrl: BASE_URL,
    getAccessToken: tokens.getAccessToken,
    ...options,
  });
  return { contacts, tokens };
}

function errorBody(code: string, message = 'The server says so.') {
  return { error: { code, message } };
}

/** Serves the pages of `GET /customers` in order, by cursor, and records each request's query. */
function servePages(pages: readonly { customers: unknown[]; nextCursor: string | null }[]) {
  const queries: Record<string, string>[] = [];
  server.use(
    http.get(CUSTOMERS_URL, ({ request }) => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      queries.push(query);
      const index = query.cursor === undefined ? 0 : Number(query.cursor.replace('page-', ''));
      return HttpResponse.json(pages[index] ?? { customers: [], nextCursor: null });
    }),
  );
  return queries;
}

describe('createHttpContacts: requests', () => {
  it('sends the token only as a bearer header, asks for JSON without caching, and keeps the URL free of it', async () => {
    let seen: Request | undefined;
    server.use(
      http.get(LOOKUP_URL, ({ request }) => {
        seen = request.clone();
        return HttpResponse.json({ customer: customer(1) });
      }),
    );
    const { contacts, tokens } = contactsWith();

    expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toEqual(customer(1));

    expect(seen?.method).toBe('GET');
    expect(seen?.headers.get('Authorization')).toBe(`Bearer ${FIRST_TOKEN}`);
    expect(seen?.headers.get('Accept')).toBe('application/json');
    expect(seen?.cache).toBe('no-store');
    expect(seen?.url).toBe(`${LOOKUP_URL}?phoneNumber=%2B14255550001`);
    expect(seen?.url).not.toContain(FIRST_TOKEN);
    expect(tokens.requests).toEqual([{ forceRefresh: false }]);
  });

  it('searches with search, cursor and limit, and leaves out a blank search and a missing cursor', async () => {
    const queries = servePages([{ customers: customers(1, 2), nextCursor: 'page-1' }]);
    const { contacts } = contactsWith({ pageSize: 25 });

    expect(await contacts.searchCustomers('  Fabrikam & Co  ', { cursor: 'page-0', limit: 5 })).toEqual({
      customers: customers(1, 2),
      nextCursor: 'page-1',
    });
    await contacts.searchCustomers('');
    await contacts.searchCustomers(' ', { cursor: null });

    expect(queries).toEqual([
      { search: 'Fabrikam & Co', cursor: 'page-0', limit: '5' },
      { limit: '25' },
      { limit: '25' },
    ]);
  });

  it('sends a search of 100 code points, even when they take 200 UTF-16 units', async () => {
    const queries = servePages([{ customers: [], nextCursor: null }]);
    const { contacts } = contactsWith();
    const search = '\u{1F600}'.repeat(100);

    await contacts.searchCustomers(search);

    expect(queries).toEqual([{ search, limit: '100' }]);
  });

  it('keeps a path in baseUrl, drops its trailing slash, and accepts http on localhost', async () => {
    let url = '';
    server.use(
      http.get('http://localhost:8790/directory/v1/customers/lookup', ({ request }) => {
        url = request.url;
        return HttpResponse.json({ customer: null });
      }),
    );
    const { contacts } = contactsWith({ baseUrl: 'http://localhost:8790/directory/v1/' });

    expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toBeNull();
    expect(url).toBe('http://localhost:8790/directory/v1/customers/lookup?phoneNumber=%2B14255550001');
  });

  it('resolves a path as baseUrl against the page', async () => {
    vi.stubGlobal('location', new URL('https://app.contoso.test/demo/pstn-out.html'));
    try {
      let url = '';
      server.use(
        http.get('https://app.contoso.test/api/directory/customers/lookup', ({ request }) => {
          url = request.url;
          return HttpResponse.json({ customer: null });
        }),
      );
      const { contacts } = contactsWith({ baseUrl: '/api/directory' });

      expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toBeNull();
      expect(url).toBe('https://app.contoso.test/api/directory/customers/lookup?phoneNumber=%2B14255550001');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('uses the fetch it is given', async () => {
    const requested: string[] = [];
    const { contacts } = contactsWith({
      fetch: async (input) => {
        requested.push(String(input));
        return Response.json({ customer: null });
      },
    });

    expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toBeNull();
    expect(requested).toEqual([`${LOOKUP_URL}?phoneNumber=%2B14255550001`]);
  });

  it('keeps only the contract fields of a customer, and reads company: null as no company', async () => {
    server.use(
      http.get(LOOKUP_URL, () =>
        HttpResponse.json({
          customer: { ...customer(1), company: null, notes: '<img src=x onerror=alert(1)>', tenantId: 't' },
        }),
      ),
    );
    const { contacts } = contactsWith();

    expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toEqual(customer(1));
  });

  it('hands remote text back as data, unchanged, for the core to normalize', async () => {
    const name = '<b>Megan</b>\u202E';
    server.use(
      http.get(LOOKUP_URL, () =>
        HttpResponse.json({ customer: { ...customer(1), name, company: 'Contoso & Sons' } }),
      ),
    );
    const { contacts } = contactsWith();

    expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toEqual({
      ...customer(1),
      name,
      company: 'Contoso & Sons',
    });
  });
});

describe('createHttpContacts: input checked before any request', () => {
  it.each(['14255550001', '+1 425 555 0001', '+0425555000', '', '+1425555000123456'])(
    'refuses %j with invalid_phone_number and asks for no token',
    async (phoneNumber) => {
      const { contacts, tokens } = contactsWith();
      const error = await directoryRejection(contacts.findCustomerByPhoneNumber(phoneNumber));
      expect(error).toMatchObject({ code: 'invalid_phone_number', details: { reason: 'not_e164' } });
      expect(tokens.requests).toEqual([]);
    },
  );

  it('refuses a non-string number', async () => {
    const { contacts } = contactsWith();
    const error = await directoryRejection(
      contacts.findCustomerByPhoneNumber(14255550001 as unknown as string),
    );
    expect(error.code).toBe('invalid_phone_number');
  });

  it.each([
    ['a search of 101 characters', () => ['x'.repeat(101)] as const, 'search_too_long'],
    ['a search that is not a string', () => [42] as const, 'invalid_search'],
    ['an empty cursor', () => ['', { cursor: '' }] as const, 'invalid_cursor'],
    ['a cursor that is too long', () => ['', { cursor: 'c'.repeat(2049) }] as const, 'invalid_cursor'],
    ['a limit of 0', () => ['', { limit: 0 }] as const, 'invalid_limit'],
    ['a limit of 101', () => ['', { limit: 101 }] as const, 'invalid_limit'],
    ['a limit of 2.5', () => ['', { limit: 2.5 }] as const, 'invalid_limit'],
  ])('searchCustomers refuses %s with invalid_argument', async (_, args, reason) => {
    const { contacts, tokens } = contactsWith();
    const [query, options] = args() as unknown as [string, object | undefined];
    const error = await directoryRejection(contacts.searchCustomers(query, options));
    expect(error).toMatchObject({ code: 'invalid_argument', details: { reason } });
    expect(tokens.requests).toEqual([]);
  });

  it.each([
    ['an ftp baseUrl', { baseUrl: 'ftp://directory.contoso.test' }],
    ['no baseUrl', { baseUrl: undefined }],
    ['a blank baseUrl', { baseUrl: ' ' }],
    ['an http baseUrl off localhost', { baseUrl: 'http://directory.contoso.test/api' }],
    ['a baseUrl with credentials', { baseUrl: 'https://user:pass@directory.contoso.test/api' }],
    ['a baseUrl with a query', { baseUrl: 'https://directory.contoso.test/api?code=1' }],
    ['a relative baseUrl outside a page', { baseUrl: '/api/directory' }],
    ['a pageSize of 0', { pageSize: 0 }],
    ['a pageSize of 101', { pageSize: 101 }],
    ['a maxCustomers of 0', { maxCustomers: 0 }],
    ['a maxCustomers of 1.5', { maxCustomers: 1.5 }],
    ['a requestTimeoutMs of 0', { requestTimeoutMs: 0 }],
    ['a requestTimeoutMs of Infinity', { requestTimeoutMs: Number.POSITIVE_INFINITY }],
    ['no getAccessToken', { getAccessToken: undefined }],
  ])('createHttpContacts throws invalid_argument for %s', (_, options) => {
    const create = () =>
      createHttpContacts({ baseUrl: BASE_URL, getAccessToken: async () => FIRST_TOKEN, ...options } as never);
    expect(create).toThrow(TeamsEndpointError);
    try {
      create();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_argument' });
    }
  });
});

describe('createHttpContacts: error answers', () => {
  it.each([
    [400, 'invalid_request', {}, 'invalid_argument', false],
    [400, 'invalid_cursor', {}, 'invalid_argument', false],
    [400, 'invalid_phone_number', {}, 'invalid_phone_number', false],
    [403, 'tenant_not_allowed', {}, 'tenant_not_allowed', false],
    [403, 'origin_not_allowed', {}, 'forbidden', false],
    [403, 'user_not_allowed', {}, 'forbidden', false],
    [403, 'something_new', {}, 'forbidden', false],
    [404, 'not_found', {}, 'not_found', false],
    [409, 'conflict', {}, 'service_error', false],
    [429, 'rate_limited', { 'Retry-After': '7' }, 'throttled', true],
    [500, 'internal_error', {}, 'service_error', true],
    [502, 'bad_gateway', {}, 'service_error', true],
    [503, 'directory_unavailable', { 'Retry-After': '30' }, 'service_error', true],
  ] as const)('maps %i %s to %s (retryable: %s)', async (status, serverCode, headers, code, retryable) => {
    server.use(
      http.get(LOOKUP_URL, () =>
        HttpResponse.json(errorBody(serverCode, `Token ${FIRST_TOKEN} refused`), { status, headers }),
      ),
    );
    const { contacts, tokens } = contactsWith();

    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));

    expect(error).toMatchObject({ code, retryable });
    expect(error.details).toMatchObject({ operation: 'findCustomerByPhoneNumber', status, serverCode });
    expect(error.message).not.toContain('refused by');
    expect(error.message).not.toContain('Token');
    expect(tokens.requests).toHaveLength(1);
  });

  it('puts Retry-After in details as ms (and seconds) on 429 and 503', async () => {
    server.use(
      http.get(CUSTOMERS_URL, () =>
        HttpResponse.json(errorBody('rate_limited'), { status: 429, headers: { 'Retry-After': '7' } }),
      ),
    );
    const { contacts } = contactsWith();
    const throttled = await directoryRejection(contacts.listCustomers());
    expect(throttled.details).toMatchObject({ retryAfterMs: 7000, retryAfterSeconds: 7 });

    server.use(
      http.get(CUSTOMERS_URL, () =>
        HttpResponse.json(errorBody('directory_unavailable'), {
          status: 503,
          headers: { 'Retry-After': '1.5' },
        }),
      ),
    );
    const unavailable = await directoryRejection(contacts.searchCustomers('a'));
    expect(unavailable).toMatchObject({ code: 'service_error', retryable: true });
    expect(unavailable.details).toMatchObject({ retryAfterMs: 1500, retryAfterSeconds: 2 });
  });

  it('does without a server code when the error body is not the contract JSON', async () => {
    server.use(http.get(LOOKUP_URL, () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })));
    const { contacts } = contactsWith();
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({ code: 'service_error', retryable: true });
    expect(error.details).not.toHaveProperty('serverCode');
    expect(error.message).not.toContain('html');
  });

  it('refuses a redirect without following it', async () => {
    let followed = false;
    server.use(
      http.get(
        LOOKUP_URL,
        () => new HttpResponse(null, { status: 302, headers: { Location: 'https://elsewhere.test/steal' } }),
      ),
      http.get('https://elsewhere.test/steal', () => {
        followed = true;
        return HttpResponse.json({ customer: null });
      }),
    );
    const { contacts } = contactsWith();

    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));

    expect(error).toMatchObject({ code: 'malformed_response', details: { reason: 'redirect', status: 302 } });
    expect(followed).toBe(false);
  });

  it('maps a failed connection to a retryable network error', async () => {
    server.use(http.get(LOOKUP_URL, () => HttpResponse.error()));
    const { contacts } = contactsWith();
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({ code: 'network', retryable: true, details: { stage: 'request' } });
  });

  it('maps a body cut off mid-stream to a retryable network error', async () => {
    server.use(
      streamedLookup({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"customer":'));
          controller.error(new TypeError('terminated'));
        },
      }),
    );
    const { contacts } = contactsWith();
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({ code: 'network', retryable: true, details: { stage: 'body' } });
  });

  it('times out a request that gets no answer, with a retryable timeout', async () => {
    server.use(
      http.get(LOOKUP_URL, async () => {
        await delay('infinite');
        return HttpResponse.json({ customer: null });
      }),
    );
    const { contacts } = contactsWith({ requestTimeoutMs: 30 });
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({ code: 'timeout', retryable: true, details: { timeoutMs: 30 } });
  });

  it('keeps a typed error of getAccessToken, and wraps anything else', async () => {
    const consent = new TeamsEndpointError('consent_required', 'Consent needed.', {
      details: { scopes: ['api://contoso-customers/Customers.Read'] },
    });
    const refused = createHttpContacts({ baseUrl: BASE_URL, getAccessToken: () => Promise.reject(consent) });
    expect(await typedRejection(refused.listCustomers())).toBe(consent);

    const broken = createHttpContacts({
      baseUrl: BASE_URL,
      getAccessToken: () => {
        throw new Error('no MSAL');
      },
    });
    expect(await typedRejection(broken.listCustomers())).toMatchObject({ code: 'unknown' });
  });

  it.each([
    ['an empty string', ''],
    ['a "Bearer " prefix', `Bearer ${FIRST_TOKEN}`],
    ['a line break', `${FIRST_TOKEN}\r\nX-Injected: 1`],
    ['not a string', 42],
  ])('refuses a token with %s before sending it, without echoing it', async (_, token) => {
    const contacts = createHttpContacts({ baseUrl: BASE_URL, getAccessToken: async () => token as string });
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({ code: 'invalid_argument', details: { reason: 'invalid_access_token' } });
  });
});

describe('createHttpContacts: 401 refreshes the token once', () => {
  it('retries once with a forced refresh, and succeeds with the new token', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(LOOKUP_URL, ({ request }) => {
        const authorization = request.headers.get('Authorization');
        seen.push(authorization);
        return authorization === `Bearer ${REFRESHED_TOKEN}`
          ? HttpResponse.json({ customer: customer(1) })
          : HttpResponse.json(errorBody('invalid_token'), {
              status: 401,
              headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
            });
      }),
    );
    const { contacts, tokens } = contactsWith();

    expect(await contacts.findCustomerByPhoneNumber('+14255550001')).toEqual(customer(1));
    expect(seen).toEqual([`Bearer ${FIRST_TOKEN}`, `Bearer ${REFRESHED_TOKEN}`]);
    expect(tokens.requests).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('gives token_expired after the second 401, without a third request', async () => {
    let requests = 0;
    server.use(
      http.get(CUSTOMERS_URL, () => {
        requests += 1;
        return HttpResponse.json(errorBody('invalid_token', `bad ${FIRST_TOKEN} ${REFRESHED_TOKEN}`), {
          status: 401,
          headers: {
            'WWW-Authenticate': `Bearer error="invalid_token", error_description="${REFRESHED_TOKEN}"`,
          },
        });
      }),
    );
    const { contacts, tokens } = contactsWith();

    const error = await directoryRejection(contacts.listCustomers());

    expect(error).toMatchObject({
      code: 'token_expired',
      retryable: false,
      details: { status: 401, serverCode: 'invalid_token', operation: 'listCustomers' },
    });
    expect(requests).toBe(2);
    expect(tokens.requests.map((request) => request.forceRefresh)).toEqual([false, true]);
  });

  it('passes the caller signal to getAccessToken', async () => {
    server.use(http.get(LOOKUP_URL, () => HttpResponse.json({ customer: null })));
    const { contacts, tokens } = contactsWith();
    const { signal } = new AbortController();

    await contacts.findCustomerByPhoneNumber('+14255550001', { signal });

    expect(tokens.requests).toEqual([{ signal, forceRefresh: false }]);
  });
});

describe('createHttpContacts: listCustomers pages', () => {
  it('follows nextCursor to the last page', async () => {
    const queries = servePages([
      { customers: customers(1, 3), nextCursor: 'page-1' },
      { customers: customers(4, 3), nextCursor: 'page-2' },
      { customers: customers(7, 1), nextCursor: null },
    ]);
    const { contacts } = contactsWith({ pageSize: 3 });

    expect(await contacts.listCustomers()).toEqual(customers(1, 7));
    expect(queries).toEqual([
      { limit: '3' },
      { cursor: 'page-1', limit: '3' },
      { cursor: 'page-2', limit: '3' },
    ]);
  });

  it('stops at maxCustomers, asking the last page only for what is missing', async () => {
    const queries = servePages([
      { customers: customers(1, 3), nextCursor: 'page-1' },
      { customers: customers(4, 2), nextCursor: 'page-2' },
      { customers: customers(6, 3), nextCursor: 'page-3' },
    ]);
    const { contacts } = contactsWith({ pageSize: 3, maxCustomers: 5 });

    expect(await contacts.listCustomers()).toEqual(customers(1, 5));
    expect(queries.map((query) => query.limit)).toEqual(['3', '2']);
  });

  it('returns at most 1,000 customers by default, in pages of 100', async () => {
    let served = 0;
    server.use(
      http.get(CUSTOMERS_URL, ({ request }) => {
        const limit = Number(new URL(request.url).searchParams.get('limit'));
        const page = customers(served + 1, limit);
        served += limit;
        return HttpResponse.json({ customers: page, nextCursor: `after-${served}` });
      }),
    );
    const { contacts } = contactsWith();

    const list = await contacts.listCustomers();

    expect(list).toHaveLength(1000);
    expect(served).toBe(1000);
  });

  it('refuses a cursor that comes back (A → B → A) with malformed_response', async () => {
    const answers: Record<string, JsonBodyType> = {
      first: { customers: customers(1, 1), nextCursor: 'A' },
      A: { customers: customers(2, 1), nextCursor: 'B' },
      B: { customers: customers(3, 1), nextCursor: 'A' },
    };
    let requests = 0;
    server.use(
      http.get(CUSTOMERS_URL, ({ request }) => {
        requests += 1;
        return HttpResponse.json(answers[new URL(request.url).searchParams.get('cursor') ?? 'first']);
      }),
    );
    const { contacts } = contactsWith({ pageSize: 1 });

    const error = await directoryRejection(contacts.listCustomers());

    expect(error).toMatchObject({ code: 'malformed_response', details: { reason: 'a nextCursor repeated' } });
    expect(requests).toBe(3);
  });

  it('refuses a page that gives its own cursor again', async () => {
    servePages([
      { customers: customers(1, 1), nextCursor: 'page-1' },
      { customers: customers(2, 1), nextCursor: 'page-1' },
    ]);
    const { contacts } = contactsWith({ pageSize: 1 });
    const error = await directoryRejection(contacts.listCustomers());
    expect(error).toMatchObject({ code: 'malformed_response', details: { reason: 'a nextCursor repeated' } });
  });

  it('refuses an empty page that still has a nextCursor', async () => {
    servePages([
      { customers: customers(1, 2), nextCursor: 'page-1' },
      { customers: [], nextCursor: 'page-2' },
    ]);
    const { contacts } = contactsWith({ pageSize: 2 });
    const error = await directoryRejection(contacts.listCustomers());
    expect(error).toMatchObject({
      code: 'malformed_response',
      details: { reason: 'an empty page with a nextCursor' },
    });
  });

  it('returns an empty list for an empty directory', async () => {
    servePages([{ customers: [], nextCursor: null }]);
    const { contacts } = contactsWith();
    expect(await contacts.listCustomers()).toEqual([]);
  });

  it('refreshes the token once per page request, not once per list', async () => {
    let requests = 0;
    server.use(
      http.get(CUSTOMERS_URL, ({ request }) => {
        requests += 1;
        // Every first attempt of a page is refused: each page gets its own refresh.
        if (requests % 2 === 1) return HttpResponse.json(errorBody('invalid_token'), { status: 401 });
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(
          cursor === null
            ? { customers: customers(1, 1), nextCursor: 'next' }
            : { customers: customers(2, 1), nextCursor: null },
        );
      }),
    );
    const { contacts, tokens } = contactsWith({ pageSize: 1 });

    expect(await contacts.listCustomers()).toEqual(customers(1, 2));
    expect(tokens.requests.map((request) => request.forceRefresh)).toEqual([false, true, false, true]);
  });
});
