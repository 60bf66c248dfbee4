import { createTeamsEndpoint } from '@teams-endpoint/core';
import { createGraphPort } from '@teams-endpoint/graph';
import { createFabrikamWorld, fabrikam } from '@teams-endpoint/testing';
import { setupWorker } from 'msw/browser';
import type { DemoEnvironment } from './demoEnvironment';

/**
 * The simulated Fabrikam tenant: the real Graph port over MSW's browser worker serving the fixture tenant,
 * with the fake identity and the fake calling port.
 */
export async function createSimulatedEnvironment(): Promise<DemoEnvironment> {
  const world = createFabrikamWorld({
    calling: {
      defaultOutcome: 'answer',
      defaultMeetingOutcome: 'lobby',
      ringDelayMs: 300,
      answerDelayMs: 1_200,
    },
  });
  const worker = setupWorker(...world.graph.handlers);
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  const endpoint = createTeamsEndpoint({
    identity: world.identity,
    calling: world.calling,
    contacts: world.contacts,
    graph: createGraphPort({ identity: world.identity }),
  });
  const { calling } = world;
  const live = () => calling.remoteCalls.filter((call) => call.state.status !== 'disconnected');
  const ringing = () => calling.incomingCalls.filter((call) => call.status === 'ringing');

  return {
    mode: 'simulated',
    endpoint,
    simulator: {
      incomingPstnCall: () =>
        calling.simulateIncomingCall({
          kind: 'phoneNumber',
          phoneNumber: fabrikam.customers[0]!.phoneNumber,
        }),
      incomingTeamsCall: () => calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId }),
      incomingHostileTeamsCall: () =>
        calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.hostilePersonId }),
      callerHangsUp: () => ringing().at(-1)?.callerHangsUp(),
      nextOutbound: (outcome) => calling.scriptNextOutbound(outcome),
      admitFromLobby: () =>
        live()
          .find((call) => call.state.status === 'in_lobby')
          ?.admit(),
      denyFromLobby: () =>
        live()
          .find((call) => call.state.status === 'in_lobby')
          ?.deny(),
      participantsJoin: (count) => live().at(-1)?.addParticipants(count),
      remoteHangsUp: () => live().at(-1)?.remoteHangUp(),
      dropNetwork: () => {
        calling.dropConnection();
        setTimeout(() => calling.restoreConnection(), 1_500);
      },
    },
  };
}
