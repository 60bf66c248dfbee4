import type { Call, TeamsEndpoint } from '@teams-endpoint/core';
import { waitForSnapshot } from '@teams-endpoint/testing';
import { deliver, tapCallEvents } from './callEventTap';
import { installDomEnvironment } from './domEnvironment';
import { MEETING_SIZE, meetingBursts } from './eventCost';
import { createSimulatedTenant, joinConnectedMeeting } from './simulatedTenant';

/** The three components, each subscribed to one slice of the same call. */
export const slices = ['status', 'count', 'list'] as const;
export type Slice = (typeof slices)[number];

export const SLICE_LABELS: Record<Slice, string> = {
  status: 'call status (from the endpoint)',
  count: 'participant count (from the call)',
  list: 'participant list (from the call)',
};

export const bursts = ['joins', 'toggles', 'hold'] as const;
export type Burst = (typeof bursts)[number];

export const BURST_LABELS: Record<Burst, string> = {
  joins: `${MEETING_SIZE.toLocaleString('en-US')} joins`,
  toggles: '10,000 toggles',
  hold: 'hold (status)',
};

/** Once per burst that changes the component's slice, never for the others. */
export const EXPECTED_RENDERS: Record<Slice, Record<Burst, number>> = {
  status: { joins: 0, toggles: 0, hold: 1 },
  count: { joins: 1, toggles: 0, hold: 0 },
  list: { joins: 1, toggles: 1, hold: 0 },
};

/** The components of one framework, mounted over an endpoint and one of its calls. */
export interface MountedSlices {
  /** Renders of each component so far, the first one included. */
  readonly renders: Record<Slice, number>;
  /** Runs the action, then lets the batched notifications and the framework's updates reach the DOM. */
  update(action: () => void | Promise<void>): Promise<void>;
  /** The text the component shows now. */
  shown(slice: Slice): string;
  unmount(): void;
}

export type MountSlices = (endpoint: TeamsEndpoint, call: Call) => MountedSlices;

export interface RenderCountRow {
  readonly framework: 'React' | 'Vue';
  readonly slice: Slice;
  readonly renders: Record<Burst, number>;
  readonly expected: Record<Burst, number>;
}

async function countRenders(framework: RenderCountRow['framework'], mountSlices: MountSlices) {
  let tap: ReturnType<typeof tapCallEvents> | undefined;
  const tenant = await createSimulatedTenant({
    wrapCalling: (calling) => {
      tap = tapCallEvents(calling);
      return tap.calling;
    },
  });
  const call = await joinConnectedMeeting(tenant);
  const listeners = tap!.lastHandle().listeners;
  const events = meetingBursts();
  const mounted = mountSlices(tenant.endpoint, call);
  const renders = Object.fromEntries(slices.map((slice) => [slice, {} as Record<Burst, number>])) as Record<
    Slice,
    Record<Burst, number>
  >;
  const actions: Record<Burst, () => void | Promise<void>> = {
    joins: () => deliver(listeners, events.joins),
    toggles: () => deliver(listeners, events.toggles),
    hold: async () => {
      call.hold();
      await waitForSnapshot(call, (snapshot) => snapshot.status === 'on_hold');
    },
  };
  for (const burst of bursts) {
    const before = { ...mounted.renders };
    await mounted.update(actions[burst]);
    for (const slice of slices) renders[slice][burst] = mounted.renders[slice] - before[slice];
  }
  const shown = slices.map((slice) => mounted.shown(slice));
  if (shown[0] !== 'on_hold' || shown[1] !== String(MEETING_SIZE)) {
    throw new Error(
      `${framework}: the components show ${JSON.stringify(shown.slice(0, 2))} after the bursts.`,
    );
  }
  mounted.unmount();
  await tenant.endpoint.dispose();
  return slices.map((slice) => ({
    framework,
    slice,
    renders: renders[slice],
    expected: EXPECTED_RENDERS[slice],
  }));
}

/**
 * Section 2. React (testing-library) and Vue (test-utils) components, in jsdom, each subscribed to one
 * slice of a meeting call, through the same bursts as section 1 and then a status change.
 */
export async function measureRenderCounts(): Promise<RenderCountRow[]> {
  installDomEnvironment();
  // react-dom and @vue/test-utils look for the DOM when they load.
  const { mountReactSlices } = await import('./reactSlices');
  const { mountVueSlices } = await import('./vueSlices');
  return [...(await countRenders('React', mountReactSlices)), ...(await countRenders('Vue', mountVueSlices))];
}
