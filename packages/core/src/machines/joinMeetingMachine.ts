import {
  callMachineSetup,
  endedState,
  failedState,
  forceEnd,
  initialCallContext,
  liveCallState,
  placingCallState,
} from './callMachineSetup';

/**
 * Use case 5: join a Teams meeting by link, or by id and passcode, waiting in the lobby when the
 * organizer's policy asks for it. A denial from the lobby ends the call with outcome `denied`.
 */
export const joinMeetingMachine = callMachineSetup.createMachine({
  id: 'joinMeeting',
  context: initialCallContext,
  initial: 'placing',
  on: forceEnd,
  states: {
    placing: placingCallState,
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});
