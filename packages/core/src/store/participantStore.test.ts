// High-frequency participant updates: applied beside the machine, one notification per burst.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { REMOTE_TEXT_MAX_LENGTH } from '../domain/remoteText';
import { createFabrikamEndpoint, settle, useGraphServer } from '../endpoint/fabrikamEndpoint.test-support';
import type { Participant } from '../ports/callingPort';
import { ParticipantStore } from './participantStore';

useGraphServer();

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
    };
    const hostile: Participant = { ...clean, id: 'b', displayName: ' Mallory\u202Eexe.txt\u0000\n Hacker ' };
    const blank: Participant = { ...clean, id: 'c', displayName: '\u2066\u0007 ' };
    store.reset([clean, { ...clean, id: 'd', displayName: 'x'.repeat(10_000) }]);
    store.apply({ type: 'participantsAdded', participants: [hostile, blank] });
    store.apply({
      type: 'participantChanged',
      participant: { ...clean, id: 'd', displayName: 'Adele\u200F', isSpeaking: true },
    });
    const [first, second, third, fourth] = [...store.snapshot].sort((x, y) => x.id.localeCompare(y.id));
    expect(first).toBe(clean);
    expect(second!.displayName).toBe('Malloryexe.txt Hacker');
    expect(third).toEqual({ id: 'c', kind: 'teamsUser', isMuted: false, isSpeaking: false });
    expect(fourth).toMatchObject({ displayName: 'Adele', isSpeaking: true });
    store.reset([{ ...clean, id: 'e', displayName: 'y'.repeat(10_000) }]);
    expect(Array.from(store.snapshot[0]!.displayName!)).toHaveLength(REMOTE_TEXT_MAX_LENGTH);
  });
});
