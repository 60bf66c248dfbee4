import { assign } from 'xstate';
import {
  callMachineSetup,
  endedState,
  failedState,
  initialCallContext,
  liveCallState,
  placingCallState,
} from './callMachineSetup';

/**
 * Use case 3: call a colleague over Teams VoIP. Teams calls belong to a chat, so the machine first gets or
 * creates the 1:1 chat through Graph, then starts the call on that chat's thread.
 */
export const outboundTeamsCallMachine = callMachineSetup.createMachine({
  id: 'outboundTeamsCall',
  context: initialCallContext,
  initial: 'preparingChat',
  states: {
    preparingChat: {
      invoke: {
        id: 'prepareChat',
        src: 'prepareChat',
        input: ({ context }) => {
          const target = context.target;
          return { deps: context.deps, userId: target?.kind === 'teamsUser' ? target.userId : '' };
        },
        onDone: { target: 'placing', actions: assign({ threadId: ({ event }) => event.output.threadId }) },
        onError: { target: 'failed', actions: 'assignError' },
      },
      on: { HANG_UP: { target: 'ended', actions: ['requestHangUp', 'recordCancelled'] } },
    },
    placing: placingCallState,
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});
