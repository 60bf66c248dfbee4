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
 * Use case 1: place a PSTN call through the user's Teams phone line.
 * The number arrives validated (E.164); the machine places the call and follows it to its end.
 */
export const outboundPstnCallMachine = callMachineSetup.createMachine({
  id: 'outboundPstnCall',
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
