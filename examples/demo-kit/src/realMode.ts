import { createAcsCalling } from '@teams-endpoint/acs';
import { createIndexedDbCallHistory } from '@teams-endpoint/call-history-idb';
import { createTeamsEndpoint } from '@teams-endpoint/core';
import { createHttpContacts } from '@teams-endpoint/directory-client';
import { createGraphPort } from '@teams-endpoint/graph';
import { createMsalIdentity, defaultGraphScopes } from '@teams-endpoint/msal';
import type { DemoEnvironment, RealModeConfig } from './environment';
import { DEMO_HISTORY_DB_NAMES } from './environment';

/**
 * A real tenant: Teams sign-in with MSAL, the token exchange server, Microsoft Graph, the ACS Calling SDK and
 * Contoso's customer directory server for the customers and caller id.
 */
export async function createRealEnvironment(config: RealModeConfig): Promise<DemoEnvironment> {
  const directory = config.customerDirectory;
  const identity = createMsalIdentity({
    clientId: config.clientId,
    redirectUri: `${window.location.origin}${import.meta.env.BASE_URL}redirect.html`,
    exchange: { url: config.exchangeUrl },
    // Consented to at sign-in with Graph's scopes, so that the user sees one prompt.
    graphScopes: [...defaultGraphScopes, directory.scope],
  });
  const calling = createAcsCalling();
  const endpoint = createTeamsEndpoint({
    identity,
    history: createIndexedDbCallHistory({ dbName: DEMO_HISTORY_DB_NAMES.real }),
    graph: createGraphPort({ identity }),
    calling,
    contacts: createHttpContacts({
      baseUrl: directory.url,
      // getGraphToken gets a token for any delegated scope, the directory's API included (one resource per token).
      getAccessToken: ({ signal, forceRefresh }) =>
        identity.getGraphToken([directory.scope], { signal, forceRefresh }),
    }),
  });
  return { mode: 'real', endpoint, devices: calling.devices };
}
