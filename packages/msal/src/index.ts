export {
  type AcsTokenExchange,
  createHttpAcsTokenExchange,
  type HttpAcsTokenExchangeOptions,
} from './acsTokenExchange';
export { MAX_REFRESH_RETRY_DELAY_MS, MIN_REFRESH_DELAY_MS } from './acsTokenSource';
export { type MsalErrorContext, type MsalOperation, mapMsalError } from './msalErrors';
export {
  type AcsExchangeOption,
  createMsalIdentity,
  DEFAULT_AUTHORITY,
  DEFAULT_REFRESH_MARGIN_MS,
  type MsalAppRegistration,
  type MsalClient,
  type MsalIdentity,
  type MsalIdentityOptions,
  type MsalIdentitySharedOptions,
} from './msalIdentity';
export { acsExchangeScopes, defaultGraphScopes } from './scopes';
export { toTeamsUser } from './teamsUser';
