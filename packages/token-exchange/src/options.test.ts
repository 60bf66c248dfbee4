import { describe, expect, it } from 'vitest';
import { ACS_TOKEN_AUDIENCES } from './entraTokenValidator';
import { resolveOptions, type TokenExchangeHandlerOptions } from './options';

const TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const CLIENT_ID = '5e1c4e6f-0a2b-4c3d-8e9f-1a2b3c4d5e6f';
const SECRET_KEY = 'c2VjcmV0LWFjcy1rZXk=';

function options(overrides: Record<string, unknown> = {}): TokenExchangeHandlerOptions {
  return {
    connectionString: `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${SECRET_KEY}`,
    clientId: CLIENT_ID,
    allowedTenantIds: [TENANT_ID],
    ...overrides,
  } as TokenExchangeHandlerOptions;
}

describe('resolveOptions', () => {
  it('applies the defaults and normalizes ids to lower case', () => {
    expect(
      resolveOptions(
        options({ clientId: CLIENT_ID.toUpperCase(), allowedTenantIds: [TENANT_ID.toUpperCase()] }),
      ),
    ).toEqual({
      clientId: CLIENT_ID,
      allowedTenantIds: new Set([TENANT_ID]),
      allowedOrigins: new Set(),
      clockSkewSeconds: 60,
      rateLimit: { maxRequests: 10, windowMs: 60_000, timeoutMs: 1_000, store: expect.any(Object) },
      authorityHost: 'https://login.microsoftonline.com',
      audiences: new Set(ACS_TOKEN_AUDIENCES),
      requiredScopes: ['Teams.ManageCalls', 'Teams.ManageChats'],
      keyFetch: { timeoutMs: 5_000, failureCooldownMs: 10_000, maxFailureCooldownMs: 160_000 },
      verifySignature: true,
      acsTimeoutMs: 10_000,
      authorizeUserTimeoutMs: 5_000,
    });
  });

  it('accepts an endpoint and a credential instead of a connection string', () => {
    const resolved = resolveOptions(
      options({
        connectionString: undefined,
        endpoint: 'https://contoso-acs.communication.azure.com',
        credential: { key: SECRET_KEY },
      }),
    );

    expect(resolved.clientId).toBe(CLIENT_ID);
  });

  it.each([
    ['missing', undefined, /required/],
    ['empty', [], /at least one/],
    ['"*"', ['*'], /no "allow all"/],
    ['"common"', ['common'], /no "allow all"/],
    ['"organizations"', [TENANT_ID, 'organizations'], /no "allow all"/],
    ['"consumers"', ['consumers'], /no "allow all"/],
    ['a domain name', ['fabrikam.onmicrosoft.com'], /not a tenant id/],
  ])('refuses allowedTenantIds %s', (_, allowedTenantIds, message) => {
    expect(() => resolveOptions(options({ allowedTenantIds }))).toThrow(message);
  });

  it.each([['*'], ['https://*.contoso.com'], ['https://app.contoso.com/'], ['null'], ['app.contoso.com']])(
    'refuses the allowed origin %s',
    (origin) => {
      expect(() => resolveOptions(options({ allowedOrigins: [origin] }))).toThrow(/allowedOrigins/);
    },
  );

  it('refuses a client id that is not a GUID', () => {
    expect(() => resolveOptions(options({ clientId: 'contoso-app' }))).toThrow(/clientId/);
  });

  it('refuses a malformed connection string without echoing it', () => {
    const connectionString = `https://contoso-acs.communication.azure.com;key=${SECRET_KEY}`;

    expect(() => resolveOptions(options({ connectionString }))).toThrow(/connectionString/);
    try {
      resolveOptions(options({ connectionString }));
    } catch (error) {
      expect(String(error)).not.toContain(SECRET_KEY);
    }
  });

  it('refuses a plain http ACS endpoint', () => {
    expect(() =>
      resolveOptions(
        options({ connectionString: `endpoint=http://contoso-acs.example/;accesskey=${SECRET_KEY}` }),
      ),
    ).toThrow(/connectionString/);
  });

  it('refuses neither a connection string nor an endpoint', () => {
    expect(() => resolveOptions(options({ connectionString: undefined }))).toThrow(/endpoint/);
  });

  it('refuses an endpoint without a credential', () => {
    expect(() =>
      resolveOptions(
        options({ connectionString: undefined, endpoint: 'https://contoso-acs.communication.azure.com' }),
      ),
    ).toThrow(/credential/);
  });

  it.each([-1, 301, Number.NaN])('refuses clockSkewSeconds %s', (clockSkewSeconds) => {
    expect(() => resolveOptions(options({ clockSkewSeconds }))).toThrow(/clockSkewSeconds/);
  });

  it.each([
    { maxRequests: 0, windowMs: 1000 },
    { maxRequests: 1.5, windowMs: 1000 },
    { maxRequests: 10, windowMs: -1 },
    { maxRequests: 10, windowMs: 1000, maxTrackedUsers: 0 },
  ])('refuses rateLimit %o', (rateLimit) => {
    expect(() => resolveOptions(options({ rateLimit }))).toThrow(/rateLimit/);
  });

  it('turns the rate limit off with false', () => {
    expect(resolveOptions(options({ rateLimit: false })).rateLimit).toBe(false);
  });

  it.each(['http://login.microsoftonline.com', 'https://login.microsoftonline.com/common', 'not a url'])(
    'refuses authorityHost %s',
    (authorityHost) => {
      expect(() => resolveOptions(options({ authorityHost }))).toThrow(/authorityHost/);
    },
  );

  it('accepts an authorityHost with a trailing slash', () => {
    expect(
      resolveOptions(options({ authorityHost: 'https://login.microsoftonline.us/' })).authorityHost,
    ).toBe('https://login.microsoftonline.us');
  });

  it.each(['none', 'remote', '', true])('refuses signatureValidation %s', (signatureValidation) => {
    expect(() =>
      resolveOptions(options({ signatureValidation } as unknown as Partial<TokenExchangeHandlerOptions>)),
    ).toThrow(/signatureValidation/);
  });

  it.each([{ hit: 'yes' }, null, 42])('refuses a rate-limit store that is not one (%o)', (store) => {
    expect(() =>
      resolveOptions(options({ rateLimit: { maxRequests: 1, windowMs: 1_000, store } as never })),
    ).toThrow(/rateLimit.store/);
  });

  it.each([0, -5, 2.5])('refuses rateLimit.timeoutMs %s', (timeoutMs) => {
    expect(() =>
      resolveOptions(options({ rateLimit: { maxRequests: 1, windowMs: 1_000, timeoutMs } })),
    ).toThrow(/rateLimit.timeoutMs/);
  });
});
