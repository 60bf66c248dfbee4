import { isAbsolute, resolve } from 'node:path';

/** What the dev server needs, read from the environment. */
export interface ContosoServerConfig {
  readonly port: number;
  readonly exchange: {
    readonly acsConnectionString: string;
    readonly signatureValidation: 'local' | 'acs';
  };
  /** The Entra app the users sign in to (the SPA), and the tenants and origins allowed, for both endpoints. */
  readonly clientId: string;
  readonly allowedTenantIds: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly directory: {
    /** The `aud` values of tokens for Contoso's API: its application id URI and its application id. */
    readonly audiences: readonly string[];
    readonly requiredScopes: readonly string[];
    readonly database:
      | { readonly kind: 'sqlite'; readonly filename: string }
      | { readonly kind: 'postgres'; readonly url: string };
    readonly defaultCountryCallingCode?: string;
  };
  /** When set, the exchange's rate limit is counted in this Redis server, so that it holds across instances. */
  readonly redisUrl?: string;
}

const REQUIRED = [
  'ACS_CONNECTION_STRING',
  'ENTRA_CLIENT_ID',
  'ALLOWED_TENANT_IDS',
  'ALLOWED_ORIGINS',
  'DIRECTORY_AUDIENCES',
] as const;

const DEFAULT_SQLITE_FILE = 'data/customers.sqlite';

/**
 * Reads the configuration, or throws an `Error` naming every missing or bad variable at once. Values are
 * checked again, more strictly, by the handlers when they are created: a server with unsafe options never
 * starts. No message repeats a secret.
 */
export function readServerConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ContosoServerConfig {
  const problems: string[] = [];
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);

  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    problems.push(`PORT must be a port number, not "${env.PORT}"`);

  const signatureValidation = env.SIGNATURE_VALIDATION?.trim() || 'local';
  if (signatureValidation !== 'local' && signatureValidation !== 'acs') {
    problems.push(`SIGNATURE_VALIDATION must be "local" or "acs", not "${signatureValidation}"`);
  }

  const databaseUrl = env.DIRECTORY_DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DIRECTORY_DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  }
  if (problems.length > 0) throw new Error(`contoso-server: ${problems.join('; ')}. See README.md.`);

  const sqliteFile = env.DIRECTORY_SQLITE_FILE?.trim() || DEFAULT_SQLITE_FILE;
  const countryCode = env.DEFAULT_COUNTRY_CALLING_CODE?.trim();
  const redisUrl = env.REDIS_URL?.trim();
  return {
    port,
    exchange: {
      acsConnectionString: env.ACS_CONNECTION_STRING!.trim(),
      signatureValidation: signatureValidation as 'local' | 'acs',
    },
    clientId: env.ENTRA_CLIENT_ID!.trim(),
    allowedTenantIds: list(env.ALLOWED_TENANT_IDS!),
    allowedOrigins: list(env.ALLOWED_ORIGINS!),
    directory: {
      audiences: list(env.DIRECTORY_AUDIENCES!),
      requiredScopes: list(env.DIRECTORY_SCOPES?.trim() || 'Customers.Read'),
      database: databaseUrl
        ? { kind: 'postgres', url: databaseUrl }
        : { kind: 'sqlite', filename: isAbsolute(sqliteFile) ? sqliteFile : resolve(cwd, sqliteFile) },
      ...(countryCode ? { defaultCountryCallingCode: countryCode } : {}),
    },
    ...(redisUrl ? { redisUrl } : {}),
  };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
