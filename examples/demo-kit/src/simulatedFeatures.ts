import type { CallFeatureName, LobbyParticipant, Participant } from '@teams-endpoint/core';
import { type FakeRemoteCall, fabrikam } from '@teams-endpoint/testing';
import type { Simulator } from './environment';

/** The simulator's Teams feature buttons. */
export type FeatureSimulator = Pick<
  Simulator,
  | 'someoneSpeaks'
  | 'raiseRemoteHand'
  | 'startRecording'
  | 'stopRecording'
  | 'startTranscription'
  | 'poorNetwork'
  | 'networkRecovered'
  | 'someoneWaitsInLobby'
  | 'transferMeToColleague'
  | 'nextTransferFails'
  | 'forbidVideoByPolicy'
  | 'allowVideo'
>;

/** What remote speakers say, in turn. */
const PHRASES = [
  'Shall we start with the quarterly numbers?',
  'I can share the latest figures after this call.',
  'Let us pick this up again on Thursday.',
];
/** How long a speaker takes per word: captions show the phrase growing, then final. */
const WORD_MS = 150;

/** Colleagues who turn up in a lobby or take a transferred call: the directory after Alice and Megan. */
const COLLEAGUES = fabrikam.people.slice(2).filter((person) => person.id !== fabrikam.hostilePersonId);

/**
 * The Teams features of the simulated tenant, driven through the fake port's controls of the live call
 * `current()` returns. Every button does nothing without a live call, or where the call does not offer the
 * feature (the fake's controls throw there: a test mistake, not something a demo user should see).
 */
export function simulatedFeatures(
  current: () => FakeRemoteCall | undefined,
  participantsOf: (call: FakeRemoteCall) => readonly Participant[],
): FeatureSimulator {
  let phrase = 0;
  const withFeature = (feature: CallFeatureName, act: (call: FakeRemoteCall) => void) => (): void => {
    const call = current();
    if (call?.features[feature]) act(call);
  };
  const withCall = (act: (call: FakeRemoteCall) => void) => (): void => {
    const call = current();
    if (call) act(call);
  };

  return {
    someoneSpeaks: withFeature('captions', (call) => {
      const [speaker] = participantsOf(call);
      if (!speaker) return;
      const words = PHRASES[phrase++ % PHRASES.length]!.split(' ');
      const timestamp = Date.now();
      const say = (count: number) => {
        const heard = call.speak({
          speakerId: speaker.id,
          ...(speaker.displayName ? { speakerName: speaker.displayName } : {}),
          text: words.slice(0, count).join(' '),
          isFinal: count === words.length,
          timestamp,
        });
        // Nobody hears more once captions stop or the call ends.
        if (heard && count < words.length) setTimeout(() => say(count + 1), WORD_MS);
      };
      say(1);
    }),
    raiseRemoteHand: withFeature('raiseHand', (call) => {
      const raised = new Set(
        call.features.raiseHand?.getState().raisedHands.map((hand) => hand.participantId),
      );
      const someone =
        participantsOf(call).find((person) => !raised.has(person.id)) ?? call.addParticipants(1)[0];
      if (someone) call.raiseRemoteHand(someone.id);
    }),
    startRecording: withFeature('recording', (call) => call.setRecording('on')),
    stopRecording: withFeature('recording', (call) => call.setRecording('off')),
    startTranscription: withFeature('recording', (call) => call.setTranscription('on')),
    poorNetwork: withFeature('diagnostics', (call) => call.setDiagnostic('network_send', 'bad')),
    networkRecovered: withFeature('diagnostics', (call) => {
      call.setDiagnostic('network_send', null);
      call.setDiagnostic('network_receive', null);
    }),
    someoneWaitsInLobby: withFeature('lobby', (call) => {
      const present = new Set([
        ...(call.features.lobby?.getState().participants.map((person) => person.id) ?? []),
        ...call.state.participants.map((person) => person.id),
      ]);
      const colleague = COLLEAGUES.map(
        (person): LobbyParticipant => ({
          id: `8:orgid:${person.id}`,
          kind: 'teamsUser',
          displayName: person.displayName,
        }),
      ).find((person) => !present.has(person.id));
      call.joinLobby(colleague ? [colleague] : 1);
    }),
    transferMeToColleague: withFeature('transfer', (call) => {
      if (call.state.status !== 'connected') return;
      const other = call.target.kind === 'teamsUser' ? call.target.userId : null;
      const colleague = COLLEAGUES.find((person) => person.id !== other);
      if (colleague)
        call.transferUs({ kind: 'teamsUser', userId: colleague.id, displayName: colleague.displayName });
    }),
    nextTransferFails: withFeature('transfer', (call) => call.scriptNextTransfer('fail')),
    forbidVideoByPolicy: withCall((call) =>
      call.setCapabilities({ startVideo: { allowed: false, reason: 'policy' } }),
    ),
    allowVideo: withCall((call) => call.setCapabilities({ startVideo: { allowed: true } })),
  };
}
