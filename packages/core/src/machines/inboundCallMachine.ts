import { assign } from 'xstate';
import { toTeamsEndpointError } from '../errors';
import {
  assignError,
  assignHandle,
  callMachineSetup,
  endedState,
  failedState,
  forceEnd,
  initialCallContext,
  liveCallState,
  makeRoomInvoke,
  recordCancelled,
  recordEnd,
  requestHangUp,
  resolveCallerInvoke,
} from './callMachineSetup';

/**
 * Use cases 2 and 4: a PSTN or Teams call rings this endpoint. While it rings, the caller is resolved in
 * parallel (a PSTN number through the vendor's contacts, a Teams user through Graph), bounded by the request
 * timeout. Accepting first makes room (call waiting holds the active call), then answers. Accepting after the
 * caller gave up ends the call as `missed`, never as an exception.
 */
export const inboundCallMachine = callMachineSetup.createMachine({
  id: 'inboundCall',
  context: initialCallContext,
  invoke: resolveCallerInvoke,
  initial: 'offered',
  on: forceEnd,
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
          tags: 'incoming',
          on: {
            ACCEPT: [
              { guard: 'roomNeeded', target: 'accepting', actions: 'clearControlError' },
              { target: 'accepting.answering', actions: 'clearControlError' },
            ],
            REJECT: '#inboundCall.rejecting',
            HANG_UP: {
              target: '#inboundCall.rejecting',
              actions: requestHangUp,
            },
            CALLER_ENDED: {
              target: '#callEnded',
              actions: recordEnd,
            },
          },
        },
        accepting: {
          tags: 'accepting',
          initial: 'makingRoom',
          on: {
            // Hanging up while answering: stop waiting; a call answered all the same is hung up at once.
            HANG_UP: {
              target: '#callEnded',
              actions: [
                requestHangUp,
                { type: 'setOutcome', params: { outcome: 'rejected' } },
                recordCancelled,
              ],
            },
          },
          states: {
            // Call waiting: the active call is held before this one is answered.
            makingRoom: {
              invoke: {
                ...makeRoomInvoke,
                onDone: 'answering',
                onError: {
                  target: '#inboundCall.offered.ringing',
                  actions: assign({ controlError: ({ event }) => toError(event.error) }),
                },
              },
              on: {
                CALLER_ENDED: {
                  target: '#callEnded',
                  actions: recordEnd,
                },
              },
            },
            answering: {
              invoke: {
                id: 'acceptCall',
                src: 'acceptCall',
                input: ({ context }) => ({ incoming: context.incoming! }),
                onDone: [
                  {
                    guard: 'callerGone',
                    target: '#inboundCall.live.call.disconnecting',
                    actions: [
                      assignHandle,
                      { type: 'setOutcome', params: { outcome: 'missed' } },
                      'hangUpHandle',
                    ],
                  },
                  { target: '#inboundCall.live', actions: assignHandle },
                ],
                onError: [
                  {
                    guard: {
                      type: 'callerGoneError',
                      params: ({ context, event }) => ({
                        callerGone: context.callerGone,
                        error: event.error,
                      }),
                    },
                    target: '#callEnded',
                    actions: { type: 'recordCancelled', params: { reason: undefined } },
                  },
                  {
                    target: '#callFailed',
                    actions: assignError,
                  },
                ],
              },
              on: {
                CALLER_ENDED: {
                  actions: assign({ callerGone: true, endReason: ({ event }) => event.endReason }),
                },
              },
            },
          },
        },
      },
    },
    rejecting: {
      tags: 'rejecting',
      entry: { type: 'setOutcome', params: { outcome: 'rejected' } },
      invoke: {
        id: 'rejectCall',
        src: 'rejectCall',
        input: ({ context }) => ({ incoming: context.incoming! }),
        onDone: { target: 'ended', actions: { type: 'recordEnd', params: { endReason: undefined } } },
        onError: { target: 'ended', actions: { type: 'recordEnd', params: { endReason: undefined } } },
      },
    },
    live: liveCallState,
    ended: endedState,
    failed: failedState,
  },
});

function toError(error: unknown) {
  return toTeamsEndpointError(error, 'call_failed', 'The other call could not be put on hold.');
}
