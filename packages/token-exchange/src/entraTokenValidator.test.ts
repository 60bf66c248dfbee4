import {
  CONTOSO_CLIENT_ID,
  createFakeEntra,
  FABRIKAM_TENANT_ID,
  type FakeEntra,
  MEGAN_OID,
} from '@teams-endpoint/testing/server';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEntraTokenValidator, type EntraTokenValidatorOptions } from './entraTokenValidator';
import { TokenRejection } from './tokenRejection';

// The validator as another API of the vendor's uses it: the customer directory, with its own audience and scope.
const API_APP_ID = '0b7c2f1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const API_URI = 'api://contoso-customers';

const server = setupServer();
let entra: FakeEntra;
beforeAll(async () => {
  entra = await createFakeEntra();
  server.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => server.resetHandlers(...entra.handlers()));
afterAll(() => server.close());

const options = (overrides: Partial<EntraTokenValidatorOptions> = {}): EntraTokenValidatorOptions => ({
  clientId: CONTOSO_CLIENT_ID,
  audiences: [API_URI, API_APP_ID],
  requiredScopes: ['Customers.Read'],
  allowedTenantIds: [FABRIKAM_TENANT_ID],
  ...overrides,
});

async function rejectionOf(promise: Promise<unknown>): Promise<TokenRejection> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenRejection);
  return error as TokenRejection;
}

describe('createEntraTokenValidator for another API', () => {
  it('accepts a token for that API with its scope, v1.0 (URI audience) and v2.0 (app id)', async () => {
    const validate = createEntraTokenValidator(options());

    for (const token of [
      await entra.issue({ claims: { aud: API_URI, scp: 'Customers.Read' } }),
      await entra.issue({ version: '2.0', claims: { aud: API_APP_ID, scp: 'Customers.Read' } }),
    ]) {
      expect(await validate(token)).toMatchObject({ tenantId: FABRIKAM_TENANT_ID, userId: MEGAN_OID });
    }
  });

  it('refuses a token for ACS (another audience), and one without the scope', async () => {
    const validate = createEntraTokenValidator(options());

    expect((await rejectionOf(validate(await entra.issue()))).reason).toBe('aud');
    const noScope = await entra.issue({ claims: { aud: API_URI, scp: 'Customers.Write' } });
    expect((await rejectionOf(validate(noScope))).reason).toBe('scp');
  });

  it.each<[string, Partial<EntraTokenValidatorOptions>, RegExp]>([
    ['no audience', { audiences: [] }, /audiences/],
    ['an audience with a space', { audiences: ['api://a b'] }, /audiences/],
    ['no scope', { requiredScopes: [] }, /requiredScopes/],
    ['two scopes in one string', { requiredScopes: ['Customers.Read Customers.Write'] }, /requiredScopes/],
    ['an empty scope', { requiredScopes: [''] }, /requiredScopes/],
    ['a client id that is not a GUID', { clientId: 'contoso' }, /clientId/],
    ['"common" as a tenant', { allowedTenantIds: ['common'] }, /allow all/],
    ['an http authority', { authorityHost: 'http://login.microsoftonline.com' }, /authorityHost/],
  ])('refuses %s at creation', (_, overrides, message) => {
    expect(() => createEntraTokenValidator(options(overrides))).toThrow(message);
  });
});
