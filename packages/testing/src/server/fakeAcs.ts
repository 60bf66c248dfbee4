import { type HttpHandler, HttpResponse, http } from 'msw';

export const ACS_ENDPOINT = 'https://contoso-acs.communication.azure.com';
export const ACS_CONNECTION_STRING = `endpoint=${ACS_ENDPOINT}/;accesskey=${btoa('contoso-acs-test-key')}`;

export interface ExchangeCall {
  path: string;
  apiVersion: string | null;
  /** The identity client signs every request with the resource key. */
  signed: boolean;
  body: { token?: string; appId?: string; userId?: string };
}

export interface FakeAcs {
  /** Every `teamsUser/:exchangeAccessToken` request, in order. */
  readonly calls: ExchangeCall[];
  /** The ACS token the fake returns for a user. */
  tokenFor(userId: string): string;
  readonly expiresOn: string;
  /**
   * MSW handler for `POST {endpoint}/teamsUser/:exchangeAccessToken`. With `verifyToken`, it refuses with
   * 401 a token that the real service would refuse (`FakeEntra.verify`): a bad signature, another app, another user.
   */
  handler(options?: {
    failWithStatus?: number;
    verifyToken?: (token: string, expected: { appId?: string; userId?: string }) => Promise<boolean>;
  }): HttpHandler;
}

/** A simulated ACS identity endpoint that records each exchange request. */
export function createFakeAcs(): FakeAcs {
  const calls: ExchangeCall[] = [];
  const expiresOn = '2030-01-01T10:00:00.000Z';
  // Shaped like a JWT so that leak checks would notice it in a log line.
  const tokenFor = (userId: string) => `eyJhbGciOiJSUzI1NiJ9.acs-token-for-${userId}.c2lnbmF0dXJl`;

  return {
    calls,
    tokenFor,
    expiresOn,
    // The path holds a literal `:exchangeAccessToken`, which MSW reads as a parameter; the path is recorded to check it.
    handler: ({ failWithStatus, verifyToken } = {}) =>
      http.post(`${ACS_ENDPOINT}/teamsUser/:action`, async ({ request }) => {
        const url = new URL(request.url);
        const body = (await request.json()) as ExchangeCall['body'];
        calls.push({
          path: url.pathname,
          apiVersion: url.searchParams.get('api-version'),
          signed: (request.headers.get('authorization') ?? '').startsWith('HMAC-SHA256'),
          body,
        });
        if (
          verifyToken !== undefined &&
          !(await verifyToken(body.token ?? '', { appId: body.appId, userId: body.userId }))
        ) {
          return HttpResponse.json(
            { error: { code: 'InvalidAccessToken', message: 'The access token is invalid.' } },
            { status: 401 },
          );
        }
        if (failWithStatus !== undefined) {
          return HttpResponse.json(
            { error: { code: 'InternalError', message: 'Simulated ACS failure.' } },
            { status: failWithStatus },
          );
        }
        return HttpResponse.json({ token: tokenFor(body.userId ?? ''), expiresOn });
      }),
  };
}
