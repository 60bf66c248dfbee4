// High-frequency participant updates: applied beside the machine, one notification per burst.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { REMOTE_TEXT_MAX_LENGTH } from '../domain/remoteText';
import { createFabrikamEndpoint, settle, useGraphServer } from '../endpoint/fabrikamEndpoint.test-support';
import { type Participant, type RemoteVideoStream, streamFlags } from '../ports/callingPort';
import { ParticipantStore } from './participantStore';

useGraphServer();

const roster = (participants: readonly Participant[]) => ({
  participants,
  dominantSpeakers: [],
  optimalVideoCount: null,
});

async function connectedMeeting() {
  const { world, endpoint } = await createFabrikamEndpoint();
  const call = endpoint.joinMeeting(
    fabrikam.calendarWeek(new Date()).find((e) => e.onlineMeeting)!.onlineMeeting!.joinUrl,
  );
  await settle();
  world.calling.lastCall().admit();
  await settle();
  return { world, endpoint, call, remote: world.calling.lastCall() };
}

describe('participants', () => {
  it('a burst of 1,000 joins reaches each subscriber as one notification, keeping other slices identical', async () => {
    const { endpoint, call, remote } = await connectedMeeting();
    const before = call.getSnapshot();
    const notifications = { call: 0, endpoint: 0 };
    call.subscribe(() => notifications.call++);
    endpoint.subscribe(() => notifications.endpoint++);
    remote.addParticipants(1_000);
    await settle();
    const after = call.getSnapshot();
    expect(after.participants).toHaveLength(1_000);
    expect(notifications).toEqual({ call: 1, endpoint: 1 });
    expect(after.status).toBe(before.status);
    expect(after.remote).toBe(before.remote);
    expect(after.can).toBe(before.can);
  });

  it('10,000 mute and speaking toggles in one burst: one notification, unchanged participants keep their objects', async () => {
    const { call, remote } = await connectedMeeting();
    const added = remote.addParticipants(100);
    await settle();
    const before = call.getSnapshot().participants;
    let notified = 0;
    call.subscribe(() => notified++);
    for (let i = 0; i < 10_000; i++) {
      const participant = added[i % 50]!;
      remote.updateParticipant(participant.id, { isSpeaking: i % 2 === 0, isMuted: i % 3 === 0 });
    }
    await settle();
    const after = call.getSnapshot().participants;
    expect(notified).toBe(1);
    expect(after).toHaveLength(100);
    expect(after[99]).toBe(before[99]);
    expect(after[0]).not.toBe(before[0]);
  });

  it('leaving participants are removed, and updates for unknown ids are ignored', async () => {
    const { call, remote } = await connectedMeeting();
    const [first, second] = remote.addParticipants(2);
    remote.removeParticipants([first!.id]);
    await settle();
    expect(call.getSnapshot().participants.map((p) => p.id)).toEqual([second!.id]);
  });

  it('display names are remote text: normalized when joining, on change and at the first sync; clean ones keep their object', () => {
    const store = new ParticipantStore(() => {});
    const clean: Participant = {
      id: 'a',
      kind: 'teamsUser',
      displayName: 'Megan Bowen',
      isMuted: false,
      isSpeaking: false,
      state: 'connected',
      videoStreams: [],
      isVideoOn: false,
      isScreenSharing: false,
    };
    const hostile: Participant = { ...clean, id: 'b', displayName: ' Mallory\u202Eexe.txt\u0000\n Hacker ' };
    const blank: Participant = { ...clean, id: 'c', displayName: '\u2066\u0007 ' };
    store.reset(roster([clean, { ...clean, id: 'd', displayName: 'x'.repeat(10_000) }]));
    store.apply({ type: 'participantsAdded', participants: [hostile, blank] });
    store.apply({
      type: 'participantChanged',
      participant: { ...clean, id: 'd', displayName: 'Adele\u200F', isSpeaking: true },
    });
    const [first, second, third, fourth] = [...store.snapshot].sort((x, y) => x.id.localeCompare(y.id));
    expect(first).toBe(clean);
    expect(second!.displayName).toBe('Malloryexe.txt Hacker');
    expect(third).toEqual({
      id: 'c',
      kind: 'teamsUser',
      isMuted: false,
      isSpeaking: false,
      state: 'connected',
      videoStreams: [],
      isVideoOn: false,
      isScreenSharing: false,
    });
    expect(fourth).toMatchObject({ displayName: 'Adele', isSpeaking: true });
    store.reset(roster([{ ...clean, id: 'e', displayName: 'y'.repeat(10_000) }]));
    expect(Array.from(store.snapshot[0]!.displayName!)).toHaveLength(REMOTE_TEXT_MAX_LENGTH);
  });
});

describe('one participant’s slice', () => {
  const base = (id: string): Participant => ({
    id,
    kind: 'teamsUser',
    displayName: `Person ${id}`,
    isMuted: true,
    isSpeaking: false,
    state: 'connected',
    videoStreams: [],
    isVideoOn: false,
    isScreenSharing: false,
  });
  const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  it('hears only that participant, once per burst, however many others change', async () => {
    let changes = 0;
    const store = new ParticipantStore(() => changes++);
    store.reset(roster(Array.from({ length: 1_000 }, (_, i) => base(`p${i}`))));
    const heard = { p1: 0, p2: 0 };
    store.subscribe('p1', () => heard.p1++);
    store.subscribe('p2', () => heard.p2++);
    for (let i = 0; i < 10_000; i++) {
      const id = `p${(i % 998) + 2}`;
      store.apply({ type: 'participantChanged', participant: { ...base(id), isSpeaking: i % 2 === 0 } });
    }
    await flush();
    expect(heard).toEqual({ p1: 0, p2: 1 });
    for (let i = 0; i < 7; i++) {
      store.apply({ type: 'participantChanged', participant: { ...base('p1'), isSpeaking: i % 2 === 0 } });
    }
    await flush();
    expect(heard).toEqual({ p1: 1, p2: 1 });
    expect(store.get('p1')?.isSpeaking).toBe(true);
  });

  it('an update that changes nothing shown is not a change: no notice, the same entry', async () => {
    let changes = 0;
    const store = new ParticipantStore(() => changes++);
    store.reset(roster([base('a')]));
    const entry = store.get('a');
    const list = store.snapshot;
    let heard = 0;
    store.subscribe('a', () => heard++);
    changes = 0;
    store.apply({ type: 'participantChanged', participant: base('a') });
    await flush();
    expect({ heard, changes }).toEqual({ heard: 0, changes: 0 });
    expect(store.get('a')).toBe(entry);
    expect(store.snapshot).toBe(list);
  });

  it('a join and a leave reach the slice; unsubscribing and closing stop it', async () => {
    const store = new ParticipantStore(() => {});
    let heard = 0;
    const stop = store.subscribe('x', () => heard++);
    store.apply({ type: 'participantsAdded', participants: [base('x')] });
    await flush();
    store.apply({ type: 'participantsRemoved', ids: ['x'] });
    await flush();
    expect(heard).toBe(2);
    expect(store.get('x')).toBeUndefined();
    stop();
    expect(store.watcherCount).toBe(0);
    store.subscribe('y', () => heard++);
    store.close();
    store.apply({ type: 'participantsAdded', participants: [base('y')] });
    await flush();
    expect(heard).toBe(2);
    expect(store.watcherCount).toBe(0);
  });

  it('a stream that changes is a change; equal streams in a new array are not', async () => {
    const store = new ParticipantStore(() => {});
    const streams: RemoteVideoStream[] = [
      { id: 'a/video', kind: 'video', isAvailable: true, size: { width: 640, height: 360 } },
      { id: 'a/screen', kind: 'screenSharing', isAvailable: false, size: null },
    ];
    const withStreams = (videoStreams: RemoteVideoStream[]) => ({
      ...base('a'),
      videoStreams,
      ...streamFlags(videoStreams),
    });
    store.reset(roster([withStreams(streams)]));
    const first = store.get('a');
    expect(first).toMatchObject({ isVideoOn: true, isScreenSharing: false });
    store.apply({
      type: 'participantChanged',
      participant: withStreams(
        streams.map((stream) => ({ ...stream, size: stream.size && { ...stream.size } })),
      ),
    });
    expect(store.get('a')).toBe(first);
    store.apply({
      type: 'participantChanged',
      participant: withStreams([streams[0]!, { ...streams[1]!, isAvailable: true }]),
    });
    expect(store.get('a')).toMatchObject({ isVideoOn: true, isScreenSharing: true });
    store.apply({
      type: 'participantChanged',
      participant: withStreams([{ ...streams[0]!, size: { width: 1280, height: 720 } }]),
    });
    expect(store.get('a')?.videoStreams[0]?.size).toEqual({ width: 1280, height: 720 });
  });

  it('dominant speakers and the optimal video count are kept, an equal list keeping its identity', () => {
    let changes = 0;
    const store = new ParticipantStore(() => changes++);
    store.apply({ type: 'dominantSpeakers', ids: ['b', 'a'] });
    const speakers = store.dominantSpeakers;
    store.apply({ type: 'dominantSpeakers', ids: ['b', 'a'] });
    store.apply({ type: 'optimalVideoCount', count: 4 });
    store.apply({ type: 'optimalVideoCount', count: 4 });
    expect(store.dominantSpeakers).toBe(speakers);
    expect(speakers).toEqual(['b', 'a']);
    expect(store.optimalVideoCount).toBe(4);
    expect(changes).toBe(2);
  });
});
