/**
 * The delegated scopes of the Entra token that Contoso's exchange endpoint turns into an ACS token for the
 * Teams user. Both are on the Azure Communication Services resource; the token is issued for it alone.
 */
export const acsExchangeScopes: readonly string[] = Object.freeze([
  'https://auth.msft.communication.azure.com/Teams.ManageCalls',
  'https://auth.msft.communication.azure.com/Teams.ManageChats',
]);

/**
 * The Microsoft Graph scopes consented to at sign-in by default: people list and lookup, the 1:1 chat of a Teams
 * call, and the calendar's Teams meetings. Graph tokens are still acquired per scope set, on demand.
 */
export const defaultGraphScopes: readonly string[] = Object.freeze([
  'User.Read',
  'User.ReadBasic.All',
  'Chat.Create',
  'Calendars.Read',
]);
