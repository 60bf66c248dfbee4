import {
  bindVideoStream,
  type Call,
  type CallPortEvent,
  type Participant,
  type RemoteVideoStream,
} from '@teams-endpoint/core';
import { createParticipants } from '@teams-endpoint/testing';
import {
  type BurstCost,
  type EventCostOptions,
  measureBurst,
  readersOf,
  side,
  subscribeReaders,
} from './burstTiming';
import { tapCallEvents } from './callEventTap';
import { measureCaptionsCost } from './captionsCost';
import {
  bindStreamByHand,
  createPlainCallbacksBaseline,
  createPlainVideoCallbacksBaseline,
} from './plainCallbacksBaseline';
import { createSimulatedTenant, joinConnectedMeeting, settle } from './simulatedTenant';

export const MEETING_SIZE = 1_000;
export const TOGGLES = 10_000;
/** The video meeting's tiles: a 3 × 3 gallery, each bound to a participant's camera. */
export const VIDEO_TILES = 9;
/** Camera on/off events in the video meeting's toggle burst, one after every 100th mute/speaking toggle. */
export const CAMERA_TOGGLES = TOGGLES / 100;
/** The subscribers every side has on the call (status or list, count, list); tile subscribers come after them. */
export const CALL_SUBSCRIBERS = 3;

export interface EventCostResult {
  readonly joins: BurstCost;
  readonly toggles: BurstCost;
  /** The same meeting with nine video tiles: streams bound to containers, one subscriber per tile. */
  readonly videoJoins: BurstCost;
  readonly videoToggles: BurstCost;
  /** A burst of caption results to the call's captions unit, one subscriber. */
  readonly captions: BurstCost;
}

/** Every burst measured, in the order of the table. */
export const eventCostBursts = (result: EventCostResult): readonly BurstCost[] => [
  result.joins,
  result.toggles,
  result.videoJoins,
  result.videoToggles,
  result.captions,
];

/** The call's subscribers one by one, then the tiles' (when there are any) as one figure if they agree. */
export function formatNotifications(counts: readonly number[]): string {
  const call = counts.slice(0, CALL_SUBSCRIBERS).join(' / ');
  const tiles = counts.slice(CALL_SUBSCRIBERS);
  if (tiles.length === 0) return call;
  const same = tiles.every((count) => count === tiles[0]);
  return `${call}; ${tiles.length} tiles: ${same ? `${tiles[0]} each` : tiles.join(' / ')}`;
}

/** The bursts of a large meeting, as the port reports them: one event per join, one per toggle. */
export function meetingBursts(participants: readonly Participant[] = createParticipants(MEETING_SIZE)) {
  const joins: CallPortEvent[] = participants.map((participant) => ({
    type: 'participantsAdded',
    participants: [participant],
  }));
  const leaveAll: CallPortEvent[] = [{ type: 'participantsRemoved', ids: participants.map((p) => p.id) }];
  // Speaking indicators flip on and off, and every third event is a mute change, across the whole meeting.
  const state = new Map(participants.map((p) => [p.id, p]));
  const toggles: CallPortEvent[] = Array.from({ length: TOGGLES }, (_, index) =>
    muteOrSpeakingToggle(state, participants, index),
  );
  return { joins, leaveAll, toggles };
}

/** The toggle `index` of a burst: every third one a mute change, the others speaking, round the meeting. */
function muteOrSpeakingToggle(
  state: Map<string, Participant>,
  participants: readonly Participant[],
  index: number,
): CallPortEvent {
  const current = state.get(participants[index % participants.length]!.id)!;
  const next =
    index % 3 === 2
      ? { ...current, isMuted: !current.isMuted }
      : { ...current, isSpeaking: !current.isSpeaking };
  state.set(next.id, next);
  return { type: 'participantChanged', participant: next };
}

/** A participant's camera stream, as a port names it (prefixed with the participant's id). */
const cameraOf = (participantId: string, isAvailable: boolean): RemoteVideoStream => ({
  id: `${participantId}/video`,
  kind: 'video',
  isAvailable,
  size: isAvailable ? { width: 1280, height: 720 } : null,
});

/**
 * A video meeting: every participant connected with a camera stream, as the SDK lists one per participant;
 * the cameras of {@link VIDEO_TILES} participants, spread over the roster, are on. Returns them and the tiles.
 */
export function videoMeeting(count = MEETING_SIZE, tiles = VIDEO_TILES) {
  const step = Math.floor(count / tiles);
  const participants: Participant[] = createParticipants(count).map((participant, index) => {
    const cameraOn = index % step === 0 && index / step < tiles;
    return { ...participant, state: 'connected', videoStreams: [cameraOf(participant.id, cameraOn)] };
  });
  const tileParticipants = participants.filter((participant) => participant.videoStreams[0]!.isAvailable);
  return {
    participants,
    tiles: tileParticipants.map((participant) => ({
      participantId: participant.id,
      streamId: participant.videoStreams[0]!.id,
    })),
  };
}

/**
 * The video meeting's bursts: the same joins, and the same 10,000 mute and speaking toggles with a camera
 * turned on or off after every 100th, round the tiles. The toggle burst comes in two variants, alternating:
 * the second starts where the first ends, and ends where the first starts. The first tile's camera flips 12
 * times per burst, the others' 11, so that by the end of the first variant 8 of the 9 cameras are off, and by
 * the end of the second they are back on: each burst disposes or requests 8 views, after the flicker in it.
 */
export function videoMeetingBursts(meeting: ReturnType<typeof videoMeeting>) {
  const { participants, tiles } = meeting;
  const { joins, leaveAll } = meetingBursts(participants);
  const state = new Map(participants.map((p) => [p.id, p]));
  const toggleBurst = () => {
    const events: CallPortEvent[] = [];
    let cameraToggles = 0;
    for (let index = 0; index < TOGGLES; index += 1) {
      events.push(muteOrSpeakingToggle(state, participants, index));
      if (index % 100 !== 99) continue;
      const tile = tiles[cameraToggles % tiles.length]!;
      cameraToggles += 1;
      const current = state.get(tile.participantId)!;
      const next = {
        ...current,
        videoStreams: [cameraOf(current.id, !current.videoStreams[0]!.isAvailable)],
      };
      state.set(next.id, next);
      events.push({ type: 'participantChanged', participant: next });
    }
    return events;
  };
  const toggles = [toggleBurst(), toggleBurst()];
  return { joins, leaveAll, toggles };
}

/**
 * Section 1. A meeting of 1,000 participants on the simulated tenant; the port delivers each burst to the
 * core, whose call has three subscribers, and the same events to the plain-callbacks baseline. Then the same
 * meeting with video tiles, and a burst of caption results.
 */
export async function measureEventCost(options: EventCostOptions): Promise<EventCostResult> {
  let tap: ReturnType<typeof tapCallEvents> | undefined;
  const tenant = await createSimulatedTenant({
    wrapCalling: (calling) => {
      tap = tapCallEvents(calling);
      return tap.calling;
    },
  });
  const call: Call = await joinConnectedMeeting(tenant);
  const coreListeners = tap!.lastHandle().listeners;
  // Three subscribers: the status, the participant count and the participant list.
  const core = subscribeReaders(
    readersOf(call.subscribe, [
      () => call.getSnapshot().status,
      () => call.getSnapshot().participants.length,
      () => call.getSnapshot().participants,
    ]),
  );
  // The baseline has no status: its first subscriber reads the list too.
  const baseline = createPlainCallbacksBaseline();
  const plain = subscribeReaders(
    readersOf(baseline.subscribe, [
      () => baseline.getParticipants(),
      () => baseline.getParticipants().length,
      () => baseline.getParticipants(),
    ]),
  );

  const bursts = meetingBursts();
  const joins = await measureBurst(
    `${MEETING_SIZE.toLocaleString('en-US')} participants join`,
    [bursts.joins],
    {
      core: side(coreListeners, core.notifications),
      baseline: side(baseline.portListeners, plain.notifications),
    },
    options,
    { reset: bursts.leaveAll, settle: false },
  );
  // The meeting is full now (the last join burst stays), for the toggles.
  const toggles = await measureBurst(
    `${TOGGLES.toLocaleString('en-US')} mute/speaking toggles`,
    [bursts.toggles],
    {
      core: side(coreListeners, core.notifications),
      baseline: side(baseline.portListeners, plain.notifications),
    },
    options,
    { reset: [], settle: false },
  );
  // Both sides' list subscribers saw the full meeting last.
  const lists = [core.lastRead[2], plain.lastRead[2]] as (readonly unknown[] | undefined)[];
  if (lists.some((list) => list?.length !== MEETING_SIZE)) {
    throw new Error('A subscriber did not see the full meeting after the bursts.');
  }
  await tenant.endpoint.dispose();
  const video = await measureVideoEventCost(options);
  const captions = await measureCaptionsCost(options);
  return { joins, toggles, videoJoins: video.joins, videoToggles: video.toggles, captions };
}

/** A stand-in for a tile's `div`: the fake port renders into it without a DOM (see `FakeCalling.renderStream`). */
const tileContainer = (): HTMLElement => ({}) as HTMLElement;

/**
 * The same meeting with video: nine tiles, each a participant's camera bound to a container
 * (`bindVideoStream` on the core; by hand on the baseline, through the same port) and a per-participant
 * subscriber reading that participant (`call.subscribeParticipant`; by hand on the baseline).
 */
async function measureVideoEventCost(options: EventCostOptions) {
  let tap: ReturnType<typeof tapCallEvents> | undefined;
  const tenant = await createSimulatedTenant({
    wrapCalling: (calling) => {
      tap = tapCallEvents(calling);
      return tap.calling;
    },
  });
  const call: Call = await joinConnectedMeeting(tenant);
  const handle = tap!.lastHandle();
  const meeting = videoMeeting();
  // The fake port renders only streams it knows to be available: it gets the meeting once, as joins.
  tenant.world.calling.lastCall().addParticipants(meeting.participants);
  await settle();

  const core = subscribeReaders([
    ...readersOf(call.subscribe, [
      () => call.getSnapshot().status,
      () => call.getSnapshot().participants.length,
      () => call.getSnapshot().participants,
    ]),
    ...meeting.tiles.map(({ participantId }) => ({
      subscribe: (listener: () => void) => call.subscribeParticipant(participantId, listener),
      read: () => call.getParticipant(participantId),
    })),
  ]);
  const coreBindings = meeting.tiles.map(({ streamId }) => bindVideoStream(call, streamId, tileContainer()));

  const baseline = createPlainVideoCallbacksBaseline();
  const plain = subscribeReaders([
    ...readersOf(baseline.subscribe, [
      () => baseline.getParticipants(),
      () => baseline.getParticipants().length,
      () => baseline.getParticipants(),
    ]),
    ...meeting.tiles.map(({ participantId }) => ({
      subscribe: (listener: () => void) => baseline.subscribeParticipant(participantId, listener),
      read: () => baseline.getParticipant(participantId),
    })),
  ]);
  const plainBindings = meeting.tiles.map(({ participantId, streamId }) =>
    bindStreamByHand(baseline, participantId, streamId, (id) => handle.renderStream(id, tileContainer())),
  );

  /** Both sides' views match the cameras on now, and no binding failed: the bench measured real work. */
  const checkViews = (when: string) => {
    const on = meeting.tiles.filter(
      ({ participantId, streamId }) =>
        call.getParticipant(participantId)?.videoStreams.find((stream) => stream.id === streamId)
          ?.isAvailable,
    ).length;
    const coreRendered = coreBindings.filter((binding) => binding.state === 'rendered').length;
    const plainRendered = plainBindings.filter((binding) => binding.rendered).length;
    const failed = [...coreBindings.map((b) => b.error), ...plainBindings.map((b) => b.error)].find(
      (error) => error !== null,
    );
    if (failed !== undefined) throw new Error(`A video tile failed to render ${when}: ${String(failed)}`);
    if (coreRendered !== on || plainRendered !== on) {
      throw new Error(
        `${when}: ${on} cameras on, but the core shows ${coreRendered} views and the baseline ${plainRendered}.`,
      );
    }
  };

  const bursts = videoMeetingBursts(meeting);
  const sides = () => ({
    core: side(handle.listeners, core.notifications),
    baseline: side(baseline.portListeners, plain.notifications),
  });
  const joins = await measureBurst(
    `${MEETING_SIZE.toLocaleString('en-US')} participants join, ${VIDEO_TILES} video tiles`,
    [bursts.joins],
    sides(),
    options,
    { reset: bursts.leaveAll, settle: true },
  );
  checkViews('after the joins');
  const toggles = await measureBurst(
    `${TOGGLES.toLocaleString('en-US')} mute/speaking + ${CAMERA_TOGGLES} camera toggles, ${VIDEO_TILES} video tiles`,
    bursts.toggles,
    sides(),
    options,
    { reset: [], settle: true },
  );
  checkViews('after the toggles');
  const lists = [core.lastRead[2], plain.lastRead[2]] as (readonly unknown[] | undefined)[];
  if (lists.some((list) => list?.length !== MEETING_SIZE)) {
    throw new Error('A subscriber did not see the full video meeting after the bursts.');
  }
  for (const binding of [...coreBindings, ...plainBindings]) binding.dispose();
  await tenant.endpoint.dispose();
  return { joins, toggles };
}
