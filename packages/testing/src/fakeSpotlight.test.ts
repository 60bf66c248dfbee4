import { type CallPortStatus, LOCAL_PARTICIPANT_ID } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import type { FakeCallingOptions } from './fakeCalling';
import { connectedCalling, featuresOf, liveMeeting, notifications } from './fakeCalling.test-support';
import { FAKE_MAX_SPOTLIGHTED } from './fakeSpotlight';
import { typedRejection } from './typedRejection';

const meetingSpotlight = async (participants = 3, options?: FakeCallingOptions) => {
  const { handle, remote, ids } = await liveMeeting(await connectedCalling(options), participants);
  return { spotlight: featuresOf(handle).spotlight, remote, ids };
};

describe('fake spotlight', () => {
  it('spotlights participants and the local user in order, each once, up to 7 at a time', async () => {
    const { spotlight, ids } = await meetingSpotlight();
    expect(spotlight.getState()).toEqual({ spotlighted: [], maxSpotlighted: FAKE_MAX_SPOTLIGHTED });
    await spotlight.startSpotlight([ids[1]!, LOCAL_PARTICIPANT_ID, ids[1]!]);
    await spotlight.startSpotlight([ids[0]!]);
    expect(spotlight.getState().spotlighted).toEqual([ids[1], LOCAL_PARTICIPANT_ID, ids[0]]);
  });

  it('spotlighting someone already spotlighted changes nothing', async () => {
    const { spotlight, ids } = await meetingSpotlight();
    await spotlight.startSpotlight([ids[0]!]);
    const seen = notifications(spotlight);
    await spotlight.startSpotlight([ids[0]!]);
    expect(seen.count).toBe(0);
  });

  it.each<[string, readonly string[], string]>([
    ['an unknown id', ['8:orgid:not-in-the-call'], 'not_a_participant'],
    ['an empty list', [], 'no_participants'],
    ['a non-string id', [42 as unknown as string], 'not_a_participant'],
    ['a list that is no array', 'local' as unknown as readonly string[], 'no_participants'],
  ])('startSpotlight refuses %s with invalid_argument, spotlighting nobody', async (_, ids, reason) => {
    const { spotlight } = await meetingSpotlight();
    expect(await typedRejection(spotlight.startSpotlight(ids))).toMatchObject({
      code: 'invalid_argument',
      details: { reason },
    });
    expect(spotlight.getState().spotlighted).toEqual([]);
  });

  it('refuses to spotlight more than maxSpotlighted in all (SDK 400/45902)', async () => {
    const { spotlight, ids } = await meetingSpotlight(8);
    await spotlight.startSpotlight(ids.slice(0, 6));
    expect(await typedRejection(spotlight.startSpotlight(ids.slice(6, 8)))).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'max_spotlighted', maxSpotlighted: 7 },
    });
    await spotlight.startSpotlight([ids[6]!]);
    expect(spotlight.getState().spotlighted).toHaveLength(7);
  });

  it('stopSpotlight stops the named ones; someone not spotlighted changes nothing', async () => {
    const { spotlight, ids } = await meetingSpotlight();
    await spotlight.startSpotlight([ids[0]!, ids[1]!, LOCAL_PARTICIPANT_ID]);
    await spotlight.stopSpotlight([ids[0]!, ids[2]!]);
    expect(spotlight.getState().spotlighted).toEqual([ids[1], LOCAL_PARTICIPANT_ID]);
    expect(await typedRejection(spotlight.stopSpotlight(['8:orgid:stranger']))).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'not_a_participant' },
    });
    await spotlight.stopAllSpotlight();
    expect(spotlight.getState().spotlighted).toEqual([]);
  });

  it('an attendee may not spotlight, nor stop someone else’s, but may stop their own', async () => {
    const { spotlight, remote, ids } = await meetingSpotlight(1, { meetingRole: 'attendee' });
    const denied = { code: 'forbidden', details: { reason: 'role' } };
    expect(await typedRejection(spotlight.startSpotlight([ids[0]!]))).toMatchObject({
      ...denied,
      details: { capability: 'spotlight', reason: 'role' },
    });
    remote.setSpotlight([ids[0]!, LOCAL_PARTICIPANT_ID]);
    expect(await typedRejection(spotlight.stopSpotlight([ids[0]!]))).toMatchObject({
      details: { capability: 'removeSpotlight', reason: 'role' },
    });
    expect(await typedRejection(spotlight.stopSpotlight([LOCAL_PARTICIPANT_ID, ids[0]!]))).toMatchObject(
      denied,
    );
    expect(await typedRejection(spotlight.stopAllSpotlight())).toMatchObject(denied);
    await spotlight.stopSpotlight([LOCAL_PARTICIPANT_ID]);
    expect(spotlight.getState().spotlighted).toEqual([ids[0]]);
  });

  it.each<CallPortStatus>(['in_lobby', 'local_hold', 'remote_hold'])(
    'spotlighting while the call is %s rejects with invalid_call_state; stopping is allowed',
    async (status) => {
      const { spotlight, remote, ids } = await meetingSpotlight();
      remote.setSpotlight([ids[0]!]);
      remote.reportStatus(status);
      expect(await typedRejection(spotlight.startSpotlight([ids[1]!]))).toMatchObject({
        code: 'invalid_call_state',
      });
      await spotlight.stopSpotlight([ids[0]!]);
      expect(spotlight.getState().spotlighted).toEqual([]);
    },
  );

  it('setSpotlight sets who is spotlighted; a participant who leaves loses their spotlight', async () => {
    const { spotlight, remote, ids } = await meetingSpotlight();
    remote.setSpotlight([ids[2]!, ids[0]!]);
    expect(spotlight.getState().spotlighted).toEqual([ids[2], ids[0]]);
    remote.removeParticipants([ids[2]!]);
    expect(spotlight.getState().spotlighted).toEqual([ids[0]]);
    expect(() => remote.setSpotlight(['8:orgid:stranger'])).toThrow(/not a participant/);
    const many = await meetingSpotlight(8);
    expect(() => many.remote.setSpotlight(many.ids)).toThrow(/At most 7/);
  });
});
