// Capabilities (issue 13): what Teams policy, meeting role and meeting options allow is merged into `can`, and
// a capability that changes mid-call updates it. A property drives a connected meeting through random
// interleavings of policy changes and the user's commands, and checks after every step:
// - a flag Teams forbids is false, with Teams' reason in `canReasons`;
// - a flag Teams allows is what the call's own state says (the oracle below, written from the snapshot);
// - a command Teams forbids never reaches the port: the fake refuses such commands with `forbidden`, so the
//   call never shows a control error.
import type { PlatformCapabilities, PlatformCapability } from '@teams-endpoint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Call, CallCapabilities, CallSnapshot } from './callUnit';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';
import { callRaisedHands } from './features/raisedHands';

useGraphServer();

const MEETING = 'https://teams.microsoft.com/meet/1234567890123?p=passcode1';
const GATED = {
  startVideo: 'startVideo',
  unmute: 'unmute',
  startScreenSharing: 'startScreenSharing',
  raiseHand: 'raiseHand',
  manageLobby: 'manageLobby',
} as const satisfies Partial<Record<keyof CallCapabilities, PlatformCapability>>;
type Gated = keyof typeof GATED;
const REASONS = ['policy', 'role', 'meeting_option'] as const;

type Step =
  | { readonly type: 'policy'; readonly flag: Gated; readonly reason: (typeof REASONS)[number] | null }
  | {
      readonly type: 'command';
      readonly command:
        | 'startVideo'
        | 'stopVideo'
        | 'mute'
        | 'unmute'
        | 'share'
        | 'unshare'
        | 'raise'
        | 'lower';
    };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      flag: fc.constantFrom<Gated>(...(Object.keys(GATED) as Gated[])),
      reason: fc.option(fc.constantFrom(...REASONS), { nil: null }),
    })
    .map((s): Step => ({ type: 'policy', ...s })),
  fc
    .constantFrom('startVideo', 'stopVideo', 'mute', 'unmute', 'share', 'unshare', 'raise', 'lower')
    .map((command): Step => ({ type: 'command', command }) as Step),
);

/** What the call's own state allows, Teams aside: every port request settles before the check. */
function byState(snapshot: CallSnapshot): Record<Gated, boolean> {
  const connected = snapshot.status === 'connected';
  return {
    startVideo: connected && !snapshot.isVideoOn,
    unmute: snapshot.isMuted,
    startScreenSharing: connected && !snapshot.isScreenSharingOn,
    // The call's flag says whether one may raise a hand at all; the unit's own `can` adds whether it is up.
    raiseHand: connected,
    manageLobby: connected,
  };
}

function run(call: Call, command: Extract<Step, { type: 'command' }>['command']): void {
  const hands = callRaisedHands(call);
  const commands = {
    startVideo: () => call.startVideo(),
    stopVideo: () => call.stopVideo(),
    mute: () => call.mute(),
    unmute: () => call.unmute(),
    share: () => call.startScreenSharing(),
    unshare: () => call.stopScreenSharing(),
    raise: () => hands.raise(),
    lower: () => hands.lower(),
  };
  commands[command]();
}

describe('capabilities', () => {
  it('can follows what Teams allows, with its reason, and nothing Teams forbids reaches the port', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const { world, endpoint } = await createFabrikamEndpoint();
        world.calling.scriptNextMeeting('admit');
        const call = endpoint.joinMeeting(MEETING);
        await settle();
        await settle();
        const remote = world.calling.lastCall();
        const hands = callRaisedHands(call);
        const stop = hands.subscribe(() => {});
        const platform: { -readonly [K in PlatformCapability]?: PlatformCapabilities[K] } = {};
        for (const next of steps) {
          if (next.type === 'policy') {
            const verdict = next.reason
              ? ({ allowed: false, reason: next.reason } as const)
              : ({ allowed: true } as const);
            platform[GATED[next.flag]] = verdict;
            remote.setCapabilities({ [GATED[next.flag]]: verdict });
          } else run(call, next.command);
          await settle();
          await settle();
          const snapshot = call.getSnapshot();
          expect(snapshot.controlError, 'a forbidden command reached the port').toBeNull();
          const own = byState(snapshot);
          const raised = hands.getSnapshot();
          expect(raised.can.raise).toBe(snapshot.can.raiseHand && !raised.isHandRaised);
          if (!raised.can.raise)
            expect(raised.canReasons.raise).toBe(snapshot.canReasons.raiseHand ?? 'state');
          for (const flag of Object.keys(GATED) as Gated[]) {
            const verdict = platform[GATED[flag]];
            if (verdict && !verdict.allowed) {
              expect(snapshot.can[flag], flag).toBe(false);
              expect(snapshot.canReasons[flag], flag).toBe(verdict.reason);
            } else {
              expect(snapshot.can[flag], flag).toBe(own[flag]);
            }
          }
        }
        stop();
        await endpoint.dispose();
        expect(world.calling.listenerCount()).toBe(0);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
