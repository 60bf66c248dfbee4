import { createIndexedDbCallHistory } from '@teams-endpoint/call-history-idb';
import { createTeamsEndpoint } from '@teams-endpoint/core';
import { createGraphPort } from '@teams-endpoint/graph';
import { createFabrikamWorld, fabrikam } from '@teams-endpoint/testing';
import { setupWorker } from 'msw/browser';
import type { DemoEnvironment, SimulatedCaller } from './environment';
import { DEMO_HISTORY_DB_NAMES } from './environment';
import { simulatedFeatures } from './simulatedFeatures';

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
      // Long enough to see "Transferring…".
      transferDelayMs: 800,
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
    // The calls ended on the simulated tenant, kept across reloads apart from a real tenant's.
    history: createIndexedDbCallHistory({ dbName: DEMO_HISTORY_DB_NAMES.simulated }),
  });
  const { calling } = world;
  const live = () => calling.remoteCalls.filter((call) => call.state.status !== 'disconnected');
  const ringing = () => calling.incomingCalls.filter((call) => call.status === 'ringing');
  const current = () => live().at(-1);
  /** The call's participants; a 1:1 call with none yet gets its remote party as one, so video can show. */
  const participantsOf = (call: NonNullable<ReturnType<typeof current>>) =>
    call.state.participants.length > 0 ? call.state.participants : call.addParticipants(1);
  /** A number no customer has: the caller id lookup finds no one. */
  const unknownNumber = '+14255550199';
  const callers: SimulatedCaller[] = [
    ...fabrikam.customers.map((customer) => ({
      id: customer.id,
      label: `${customer.name} (customer)`,
      group: 'Customers' as const,
    })),
    ...fabrikam.people
      .filter((person) => person.id !== fabrikam.me.id)
      .map((person) => ({ id: person.id, label: person.displayName, group: 'Colleagues' as const })),
    { id: 'unknown', label: 'Unknown number', group: 'Others' },
  ];
  const ringFrom = (callerId: string) => {
    const customer = fabrikam.customers.find((candidate) => candidate.id === callerId);
    if (customer) calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: customer.phoneNumber });
    else if (callerId === 'unknown')
      calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: unknownNumber });
    else if (callers.some((caller) => caller.id === callerId))
      calling.simulateIncomingCall({ kind: 'teamsUser', userId: callerId });
  };
  let speaker = 0;
  let usbCamera = false;

  return {
    mode: 'simulated',
    endpoint,
    devices: calling.devices,
    simulator: {
      callers,
      ringFrom,
      incomingUnknownCall: () => ringFrom('unknown'),
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
      toggleRemoteVideo: () => {
        const call = current();
        if (!call) return;
        const [first] = participantsOf(call);
        if (first) call.setParticipantVideo(first.id, !first.isVideoOn);
      },
      manyCamerasOn: () => {
        const call = current();
        if (!call) return;
        const people =
          call.state.participants.length >= 12 ? call.state.participants : call.addParticipants(12);
        for (const person of people.slice(0, 12)) call.setParticipantVideo(person.id, true);
      },
      toggleRemoteScreenShare: () => {
        const call = current();
        if (!call) return;
        const people = participantsOf(call);
        const sharing = people.find((person) => person.isScreenSharing);
        const sharer = sharing ?? people[1] ?? people[0];
        if (sharer) call.setParticipantScreenShare(sharer.id, !sharing);
      },
      nextDominantSpeaker: () => {
        const call = current();
        if (!call) return;
        const people = participantsOf(call);
        speaker = (speaker + 1) % people.length;
        const next = people[speaker];
        if (next) call.setDominantSpeakers([next.id]);
      },
      denyCamera: () => calling.deviceControls.denyPermission('camera'),
      denyMicrophone: () => calling.deviceControls.denyPermission('microphone'),
      allowDevices: () => {
        calling.deviceControls.allowPermission('camera');
        calling.deviceControls.allowPermission('microphone');
      },
      toggleUsbCamera: () => {
        if (usbCamera) calling.deviceControls.unplug('camera', 'demo-usb-camera');
        else
          calling.deviceControls.plugIn('camera', { id: 'demo-usb-camera', name: 'Plugged-in USB Camera' });
        usbCamera = !usbCamera;
      },
      ...simulatedFeatures(current, participantsOf),
    },
  };
}
