import {
  callMachineSetup,
  endedState,
  failedState,
  forceEnd,
  initialCallContext,
  liveCallState,
  resolveCallerInvoke,
} from './callMachineSetup';

/**
 * A call the remote party transferred us into: the platform hands it over already set up, so the machine
 * starts live, on that call's handle, and resolves who is on the other side as an inbound call does.
 */
export const transferredCallMachine = callMachineSetup.createMachine({
  id: 'transferredCall',
  context: initialCallContext,
  invoke: resolveCallerInvoke,
  initial: 'live',
  on: forceEnd,
  states: {
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});
