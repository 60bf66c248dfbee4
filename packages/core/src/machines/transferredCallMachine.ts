import { assign } from 'xstate';
import {
  callMachineSetup,
  endedState,
  failedState,
  forceEnd,
  initialCallContext,
  liveCallState,
} from './callMachineSetup';

/**
 * A call the remote party transferred us into: the platform hands it over already set up, so the machine
 * starts live, on that call's handle, and resolves who is on the other side as an inbound call does.
 */
export const transferredCallMachine = callMachineSetup.createMachine({
  id: 'transferredCall',
  context: initialCallContext,
  invoke: {
    id: 'resolveCaller',
    src: 'resolveCaller',
    input: ({ context }) => ({ deps: context.deps, remote: context.remote }),
    onDone: {
      actions: assign({
        remote: ({ event }) => event.output.remote,
        callerResolution: ({ event }) => event.output.resolution,
      }),
    },
    onError: { actions: assign({ callerResolution: 'failed' }) },
  },
  initial: 'live',
  on: forceEnd,
  states: {
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});
