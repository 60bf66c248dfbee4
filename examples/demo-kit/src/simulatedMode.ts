import { createTeamsEndpoint } from '@teams-endpoint/core';
import { createGraphPort } from '@teams-endpoint/graph';
import { createFabrikamWorld, fabrikam } from '@teams-endpoint/testing';
import { setupWorker } from 'msw/browser';
import type { DemoEnvironment } from './demoEnvironment';
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
  });
  const { calling } = world;
  const live = () => calling.remoteCalls.filter((call) => call.state.status !== 'disconnected');
  const ringing = () => calling.incomingCalls.filter((call) => call.status === 'ringing');
  const current = () => live().at(-1);
  /** The call's participants; a 1:1 call with none yet gets its remote party as one, so video can show. */
  const participantsOf = (call: NonNullable<ReturnType<typeof current>>) =>
    call.state.participants.length > 0 ? call.state.participants : call.addParticipants(1);
  let speaker = 0;
  let usbCamera = false;

  return {
    mode: 'simulated',
    endpoint,
    devices: calling.devices,
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
