// What the tests of this package share: the directory's address, a token source that records what it was
// asked, customers in the contract's shape, and an MSW server that fails any request no handler expects.
import { type Customer, isTeamsEndpointError, type TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { AccessTokenRequest } from './httpContacts';

export const BASE_URL = 'https://directory.contoso.test/api';
export const CUSTOMERS_URL = `${BASE_URL}/customers`;
export const LOOKUP_URL = `${BASE_URL}/customers/lookup`;

/** JWT-shaped, so that core's redaction would catch it, and a second one that is not, so that only our own care does. */
export const FIRST_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmaXJzdCJ9.c2lnbmF0dXJlLW9uZQ';
export const REFRESHED_TOKEN = 'opaque-refreshed-token-s3cr3t';

/** An MSW server for one test file: `onUnhandledRequest: 'error'`, handlers reset after each test. */
export function useDirectoryServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export interface RecordingTokenSource {
  readonly getAccessToken: (request: AccessTokenRequest) => Promise<string>;
  readonly requests: AccessTokenRequest[];
}

/** Hands out {@link FIRST_TOKEN}, then {@link REFRESHED_TOKEN} when asked to refresh, and records each request. */
export function recordingTokenSource(): RecordingTokenSource {
  const requests: AccessTokenRequest[] = [];
  return {
    requests,
    getAccessToken: async (request) => {
      requests.push(request);
      return request.forceRefresh ? REFRESHED_TOKEN : FIRST_TOKEN;
    },
  };
}

/** The `n`th customer of the fixture directory: `+1425555` and a four-digit suffix. */
export function customer(n: number): Customer {
  return { id: `c-${n}`, name: `Customer ${n}`, phoneNumber: `+1425555${String(n).padStart(4, '0')}` };
}

export const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, index) => customer(from + index));

/** The typed rejection of `promise`, checked to carry neither token anywhere a caller could show or log it. */
export async function directoryRejection(promise: Promise<unknown>): Promise<TeamsEndpointError> {
  const error = await typedRejection(promise);
  const visible = [
    String(error),
    error.stack ?? '',
    JSON.stringify(error.toJSON()),
    String(error.cause),
    isTeamsEndpointError(error.cause) ? JSON.stringify(error.cause.toJSON()) : '',
  ].join('\n');
  expect(visible).not.toContain(FIRST_TOKEN);
  expect(visible).not.toContain(REFRESHED_TOKEN);
  return error;
}

/** The lookup answering with a JSON body streamed from `source`: one that stalls, breaks off or never ends. */
export function streamedLookup(source: UnderlyingDefaultSource<Uint8Array>) {
  return http.get(
    LOOKUP_URL,
    () => new HttpResponse(new ReadableStream(source), { headers: { 'Content-Type': 'application/json' } }),
  );
}
