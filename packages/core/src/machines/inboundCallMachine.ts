import { assign } from 'xstate';
import {
  callMachineSetup,
  endedState,
  failedState,
  initialCallContext,
  liveCallState,
} from './callMachineSetup';

/**
 * Use cases 2 and 4: a PSTN or Teams call rings this endpoint. While it rings, the caller is resolved in
 * parallel (a PSTN number through the vendor's contacts, a Teams user through Graph). Accepting after the
 * caller gave up ends the call as `missed`, never as an exception.
 */
export const inboundCallMachine = callMachineSetup.createMachine({
  id: 'inboundCall',
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
  initial: 'offered',
  states: {
    offered: {
      invoke: {
        id: 'watchIncoming',
        src: 'watchIncoming',
        input: ({ context }) => ({ incoming: context.incoming! }),
      },
      initial: 'ringing',
      states: {
        ringing: {
          on: {
            ACCEPT: 'accepting',
            REJECT: '#inboundCall.rejecting',
            HANG_UP: '#inboundCall.rejecting',
            CALLER_ENDED: { target: '#callEnded', actions: 'recordEnd' },
          },
        },
        accepting: {
          invoke: {
            id: 'acceptCall',
            src: 'acceptCall',
            input: ({ context }) => ({ incoming: context.incoming! }),
            onDone: [
              {
                guard: 'callerGone',
                target: '#inboundCall.live.disconnecting',
                actions: [
                  'assignHandle',
                  { type: 'setOutcome', params: { outcome: 'missed' } },
                  'hangUpHandle',
                ],
              },
              {
                guard: 'hangUpRequested',
                target: '#inboundCall.live.disconnecting',
                actions: ['assignHandle', 'hangUpHandle'],
              },
              { target: '#inboundCall.live', actions: 'assignHandle' },
            ],
            onError: [
              { guard: 'callerGoneError', target: '#callEnded', actions: 'recordCancelled' },
              { guard: 'hangUpRequested', target: '#callEnded', actions: 'recordCancelled' },
              { target: '#callFailed', actions: 'assignError' },
            ],
          },
          on: {
            CALLER_ENDED: {
              actions: assign({ callerGone: true, endReason: ({ event }) => event.endReason }),
            },
            // Hanging up while the answer is on its way: hang up the call the moment it exists.
            HANG_UP: {
              actions: ['requestHangUp', { type: 'setOutcome', params: { outcome: 'rejected' } }],
            },
          },
        },
      },
    },
    rejecting: {
      entry: { type: 'setOutcome', params: { outcome: 'rejected' } },
      invoke: {
        id: 'rejectCall',
        src: 'rejectCall',
        input: ({ context }) => ({ incoming: context.incoming! }),
        onDone: { target: 'ended', actions: 'recordEnd' },
        onError: { target: 'ended', actions: 'recordEnd' },
      },
    },
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});
