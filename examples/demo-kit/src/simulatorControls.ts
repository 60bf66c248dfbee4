// The simulator panel's content: the three apps draw their panel from it.
import type { SessionSnapshot } from '@teams-endpoint/core';
import type { SimulatedCaller, Simulator } from './environment';

export interface SimulatorControl {
  readonly label: string;
  readonly run: () => void;
}

export interface SimulatorControlGroup {
  readonly label: string;
  readonly controls: readonly SimulatorControl[];
}

/** The simulator panel's buttons, in groups: what remote parties, the lobby and the network can do. */
export function simulatorControlGroups(simulator: Simulator): readonly SimulatorControlGroup[] {
  return [
    {
      label: 'Incoming calls',
      controls: [
        { label: 'Incoming PSTN call from a customer', run: simulator.incomingPstnCall },
        { label: 'Incoming Teams call from a colleague', run: simulator.incomingTeamsCall },
        { label: 'Incoming Teams call from Mallory', run: simulator.incomingHostileTeamsCall },
        { label: 'Incoming call from an unknown number', run: simulator.incomingUnknownCall },
        { label: 'Caller hangs up', run: simulator.callerHangsUp },
      ],
    },
    {
      label: 'Next outbound call',
      controls: [
        { label: 'Next outbound call is answered', run: () => simulator.nextOutbound('answer') },
        { label: 'Next outbound call is busy', run: () => simulator.nextOutbound('busy') },
        { label: 'Next outbound call is unanswered', run: () => simulator.nextOutbound('no_answer') },
        { label: 'Next outbound call is declined', run: () => simulator.nextOutbound('decline') },
      ],
    },
    {
      label: 'During a call',
      controls: [
        { label: 'Admit from lobby', run: simulator.admitFromLobby },
        { label: 'Deny from lobby', run: simulator.denyFromLobby },
        { label: '25 participants join', run: () => simulator.participantsJoin(25) },
        { label: '1,000 participants join', run: () => simulator.participantsJoin(1_000) },
        { label: 'Remote party hangs up', run: simulator.remoteHangsUp },
        { label: 'Drop the network', run: simulator.dropNetwork },
      ],
    },
    {
      label: 'Video and sharing',
      controls: [
        { label: 'A participant turns their camera on or off', run: simulator.toggleRemoteVideo },
        { label: '12 cameras on', run: simulator.manyCamerasOn },
        { label: 'A participant starts or stops sharing', run: simulator.toggleRemoteScreenShare },
        { label: 'Next dominant speaker', run: simulator.nextDominantSpeaker },
      ],
    },
    {
      label: 'Devices',
      controls: [
        { label: 'Block the camera', run: simulator.denyCamera },
        { label: 'Block the microphone', run: simulator.denyMicrophone },
        { label: 'Unblock camera and microphone', run: simulator.allowDevices },
        { label: 'Plug in or unplug a USB camera', run: simulator.toggleUsbCamera },
      ],
    },
    {
      label: 'Teams features',
      controls: [
        { label: 'Someone speaks', run: simulator.someoneSpeaks },
        { label: 'Raise a remote hand', run: simulator.raiseRemoteHand },
        { label: 'Start recording', run: simulator.startRecording },
        { label: 'Stop recording', run: simulator.stopRecording },
        { label: 'Start transcription', run: simulator.startTranscription },
        { label: 'Poor network', run: simulator.poorNetwork },
        { label: 'Network recovered', run: simulator.networkRecovered },
        { label: 'Someone waits in the lobby', run: simulator.someoneWaitsInLobby },
        { label: 'Transfer me to a colleague', run: simulator.transferMeToColleague },
        { label: 'Next transfer fails', run: simulator.nextTransferFails },
        { label: 'Forbid video by policy', run: simulator.forbidVideoByPolicy },
        { label: 'Allow video', run: simulator.allowVideo },
      ],
    },
  ];
}

export const SIMULATOR_HINT = 'Plays the other side on the simulated Fabrikam tenant.';

/** The simulated world has no call agent until someone signs in: the panel's buttons wait for it. */
export const simulatorEnabled = (session: SessionSnapshot): boolean => session.status === 'ready';

export const SIMULATOR_SIGNED_OUT_HINT = 'Sign in first: the simulator plays the people who call you.';

/** The "ring me from anyone" picker: its label, its button, and its options in groups. */
export const RING_FROM_LABEL = 'Ring me from';
export const RING_FROM_BUTTON = 'Ring';

export function simulatorCallerGroups(
  simulator: Simulator,
): readonly { readonly label: string; readonly callers: readonly SimulatedCaller[] }[] {
  const groups: { label: string; callers: SimulatedCaller[] }[] = [];
  for (const caller of simulator.callers) {
    let group = groups.find((candidate) => candidate.label === caller.group);
    if (!group) {
      group = { label: caller.group, callers: [] };
      groups.push(group);
    }
    group.callers.push(caller);
  }
  return groups;
}
