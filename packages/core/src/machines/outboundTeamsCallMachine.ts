import { assign } from 'xstate';
import {
  assignError,
  callMachineSetup,
  endedState,
  failedState,
  forceEnd,
  initialCallContext,
  liveCallState,
  placingCallState,
  recordCancelled,
  requestHangUp,
} from './callMachineSetup';

/**
 * Use case 3: call a colleague over Teams VoIP. Teams calls belong to a chat, so the machine first gets or
 * creates the 1:1 chat through Graph (bounded by the request timeout), then starts the call; the chat's
 * thread id is kept on the call.
 */
export const outboundTeamsCallMachine = callMachineSetup.createMachine({
  id: 'outboundTeamsCall',
  context: initialCallContext,
  initial: 'preparingChat',
  on: forceEnd,
  states: {
    preparingChat: {
      tags: 'preparing',
      invoke: {
        id: 'prepareChat',
        src: 'prepareChat',
        input: ({ context }) => {
          const target = context.target;
          return { deps: context.deps, userId: target?.kind === 'teamsUser' ? target.userId : '' };
        },
        onDone: { target: 'placing', actions: assign({ threadId: ({ event }) => event.output.threadId }) },
        onError: {
          target: 'failed',
          actions: assignError,
        },
      },
      on: {
        HANG_UP: {
          target: 'ended',
          actions: [requestHangUp, recordCancelled],
        },
      },
    },
    placing: placingCallState,
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});
