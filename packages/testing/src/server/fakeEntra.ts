import {
  base64url,
  type CryptoKey,
  compactVerify,
  decodeJwt,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { type HttpHandler, HttpResponse, http } from 'msw';

/** Tenants of the simulated Entra: two customers the vendor serves, and one it does not. */
export const FABRIKAM_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
export const NORTHWIND_TENANT_ID = '2b6c8a0f-9d3e-4c71-8f52-0a1b2c3d4e5f';
export const UNKNOWN_TENANT_ID = '7e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6';

/** Contoso's Entra app (the SPA the Teams users sign in to). */
export const CONTOSO_CLIENT_ID = '5e1c4e6f-0a2b-4c3d-8e9f-1a2b3c4d5e6f';
/** Megan, a Fabrikam Teams user. */
export const MEGAN_OID = 'e8b753b5-4117-464e-9a08-713e1ff266b3';

export const AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const ACS_RESOURCE_URI = 'https://auth.msft.communication.azure.com';
export const ACS_RESOURCE_APP_ID = '1fd5118e-2576-4263-8130-9503064c837a';

export type TokenVersion = '1.0' | '2.0';

export interface IssueOptions {
  version?: TokenVersion;
  /** Claims to add or replace; `undefined` removes a claim. */
  claims?: Record<string, unknown>;
  kid?: string;
  alg?: 'RS256' | 'RS384';
  /** Sign with another key than the tenant's (an attacker's, or a rotated-away one). */
  signingKey?: CryptoKey;
}

export interface FakeEntra {
  readonly kid: string;
  /** The published public key as PEM: the material an HS256 key-confusion attack signs with. */
  readonly publicKeyPem: string;
  /** Tenant ids whose JWKS were requested, in order. */
  readonly jwksRequests: string[];
  /** Every token issued, so that tests can check none leaks. */
  readonly issuedTokens: Set<string>;
  /** MSW handlers for `GET {authority}/{tenant}/discovery/v2.0/keys`. */
  handlers(options?: { failWithStatus?: number }): HttpHandler[];
  /** Claims of a valid token for Megan at Fabrikam. */
  claims(version?: TokenVersion): JWTPayload;
  /** Signs a token; valid unless the options say otherwise. */
  issue(options?: IssueOptions): Promise<string>;
  /**
   * Signs a payload given as JSON text, byte for byte, with the tenant's key: a token Entra never issues
   * (a claim named twice, say) whose signature is nonetheless valid.
   */
  signPayloadText(payloadText: string, headerText?: string): Promise<string>;
  /**
   * What ACS's own exchange checks of a token: signed by this Entra, issued to `appId`, for `userId`.
   * The fake ACS asks it, so that a token the handler lets through unverified is still refused there.
   */
  verify(token: string, expected: { appId?: string; userId?: string }): Promise<boolean>;
  /** Remembers a hand-made token so that leak checks cover it too. */
  remember(token: string): string;
  /** RSA keys Entra never published, one per algorithm. */
  readonly otherKeys: Readonly<Record<'RS256' | 'RS384', CryptoKey>>;
}

/** A simulated Microsoft Entra ID that signs access tokens for the ACS resource and serves its JWKS. */
export async function createFakeEntra(): Promise<FakeEntra> {
  // RSA key generation is the slow part of these tests: two keys, generated once, in parallel.
  const [{ privateKey, publicKey }, other] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
  const { alg: _alg, ...otherJwk } = await exportJWK(other.privateKey);
  const otherRs384 = (await importJWK(otherJwk, 'RS384')) as CryptoKey;
  const kid = 'fake-entra-key-1';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', kty: 'RSA' };
  const jwksRequests: string[] = [];
  const issuedTokens = new Set<string>();

  const claims = (version: TokenVersion = '1.0'): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    const common = {
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      tid: FABRIKAM_TENANT_ID,
      oid: MEGAN_OID,
      scp: 'Teams.ManageCalls Teams.ManageChats',
      ver: version,
    };
    return version === '1.0'
      ? {
          ...common,
          aud: ACS_RESOURCE_URI,
          iss: `https://sts.windows.net/${FABRIKAM_TENANT_ID}/`,
          appid: CONTOSO_CLIENT_ID,
        }
      : {
          ...common,
          aud: ACS_RESOURCE_APP_ID,
          iss: `${AUTHORITY_HOST}/${FABRIKAM_TENANT_ID}/v2.0`,
          azp: CONTOSO_CLIENT_ID,
        };
  };

  const remember = (token: string) => {
    issuedTokens.add(token);
    return token;
  };

  return {
    kid,
    publicKeyPem: await exportSPKI(publicKey),
    jwksRequests,
    issuedTokens,
    handlers: ({ failWithStatus } = {}) => [
      http.get(`${AUTHORITY_HOST}/:tenantId/discovery/v2.0/keys`, ({ params }) => {
        jwksRequests.push(String(params.tenantId));
        if (failWithStatus !== undefined) return new HttpResponse(null, { status: failWithStatus });
        return HttpResponse.json({ keys: [publicJwk] });
      }),
    ],
    claims,
    remember,
    issue: async ({
      version = '1.0',
      claims: overrides = {},
      kid: keyId = kid,
      alg = 'RS256',
      signingKey,
    } = {}) => {
      const payload: Record<string, unknown> = { ...claims(version), ...overrides };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      const token = await new SignJWT(payload)
        .setProtectedHeader({ alg, typ: 'JWT', kid: keyId })
        .sign(signingKey ?? privateKey);
      return remember(token);
    },
    signPayloadText: async (payloadText, headerText = JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })) => {
      // Signed over the exact texts given: a JSON encoder would merge a repeated member.
      const signingInput = `${base64url.encode(headerText)}.${base64url.encode(payloadText)}`;
      const signature = await crypto.subtle.sign(
        'RSASSA-PKCS1-v1_5',
        privateKey,
        new TextEncoder().encode(signingInput),
      );
      return remember(`${signingInput}.${base64url.encode(new Uint8Array(signature))}`);
    },
    verify: async (token, { appId, userId }) => {
      try {
        await compactVerify(token, publicKey, { algorithms: ['RS256'] });
        const payload = decodeJwt(token);
        const client = payload.ver === '2.0' ? payload.azp : payload.appid;
        return client === appId && payload.oid === userId;
      } catch {
        return false;
      }
    },
    otherKeys: { RS256: other.privateKey, RS384: otherRs384 },
  };
}
