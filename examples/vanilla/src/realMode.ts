import { createAcsCalling } from '@teams-endpoint/acs';
import { createTeamsEndpoint } from '@teams-endpoint/core';
import { createGraphPort } from '@teams-endpoint/graph';
import { createMsalIdentity } from '@teams-endpoint/msal';
import { createInMemoryContacts, fabrikam } from '@teams-endpoint/testing';
import type { DemoEnvironment, RealModeConfig } from './demoEnvironment';

/**
 * A real tenant: Teams sign-in with MSAL, the token exchange server, Microsoft Graph and the ACS Calling SDK.
 * The customer list stands in for the vendor's own CRM.
 */
export async function createRealEnvironment(config: RealModeConfig): Promise<DemoEnvironment> {
  const identity = createMsalIdentity({
    clientId: config.clientId,
    redirectUri: `${window.location.origin}${import.meta.env.BASE_URL}redirect.html`,
    exchange: { url: config.exchangeUrl },
  });
  const calling = createAcsCalling();
  const endpoint = createTeamsEndpoint({
    identity,
    graph: createGraphPort({ identity }),
    calling,
    contacts: createInMemoryContacts(fabrikam.customers),
  });
  return { mode: 'real', endpoint, devices: calling.devices };
}
