/**
 * The real tenant the live smoke suite runs against, from the environment. Nothing here has a default: without
 * every required variable the suite reports its specs as skipped ("no tenant configured"), never as passed.
 */
export interface LiveTenant {
  /** The Entra application (client) id of the SPA registration. */
  readonly clientId: string;
  /** Your token exchange endpoint (Entra token → Teams-user ACS token). */
  readonly exchangeUrl: string;
  /** The Teams test user's sign-in (an account that Conditional Access lets sign in with a password only). */
  readonly username: string;
  readonly password: string;
  /** A phone number the test user may call through its Teams phone line (use case 1), in E.164. */
  readonly phoneNumber: string;
  /** The Entra object id of a colleague in the same tenant (use case 3). */
  readonly colleagueId: string;
  /** A Teams meeting join link the test user may join (use case 5). */
  readonly meetingLink: string;
  /** The colleague's sign-in, so that a second browser can call the test user (use case 4). Optional. */
  readonly colleague?: { readonly username: string; readonly password: string };
  /** `operator`: a person places the incoming calls of use cases 2 and 4 while the suite waits. Optional. */
  readonly inbound?: 'operator';
  /** The port the real-mode demo is served on; its `/redirect.html` must be a redirect URI of the app. */
  readonly port: number;
}

const REQUIRED = {
  clientId: 'TEAMS_LIVE_CLIENT_ID',
  exchangeUrl: 'TEAMS_LIVE_EXCHANGE_URL',
  username: 'TEAMS_LIVE_USERNAME',
  password: 'TEAMS_LIVE_PASSWORD',
  phoneNumber: 'TEAMS_LIVE_PHONE_NUMBER',
  colleagueId: 'TEAMS_LIVE_COLLEAGUE_ID',
  meetingLink: 'TEAMS_LIVE_MEETING_LINK',
} as const;

const value = (name: string) => process.env[name]?.trim() || undefined;

/** The variables that are missing; empty when the tenant is configured. */
export const missingTenantVariables: readonly string[] = Object.values(REQUIRED).filter(
  (name) => !value(name),
);

/** Why the specs are skipped, when they are. */
export const notConfiguredReason =
  missingTenantVariables.length === Object.keys(REQUIRED).length
    ? 'no tenant configured'
    : `no tenant configured: missing ${missingTenantVariables.join(', ')}`;

function readTenant(): LiveTenant | null {
  if (missingTenantVariables.length > 0) return null;
  const required = Object.fromEntries(
    Object.entries(REQUIRED).map(([key, name]) => [key, value(name) as string]),
  ) as Record<keyof typeof REQUIRED, string>;
  const colleagueUsername = value('TEAMS_LIVE_COLLEAGUE_USERNAME');
  const colleaguePassword = value('TEAMS_LIVE_COLLEAGUE_PASSWORD');
  return {
    ...required,
    ...(colleagueUsername && colleaguePassword
      ? { colleague: { username: colleagueUsername, password: colleaguePassword } }
      : {}),
    ...(value('TEAMS_LIVE_INBOUND') === 'operator' ? { inbound: 'operator' as const } : {}),
    port: Number(value('TEAMS_LIVE_PORT') ?? 4180),
  };
}

/** The configured tenant, or `null`. */
export const liveTenant: LiveTenant | null = readTenant();
