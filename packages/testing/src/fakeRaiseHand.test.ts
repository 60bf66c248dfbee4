import { type CallPortStatus, LOCAL_PARTICIPANT_ID } from '@teams-endpoint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FakeCallingOptions } from './fakeCalling';
import { connectedCalling, featuresOf, liveMeeting, notifications } from './fakeCalling.test-support';
import { typedRejection } from './typedRejection';

const meetingHands = async (participants = 2, options?: FakeCallingOptions) => {
  const { handle, remote, ids } = await liveMeeting(await connectedCalling(options), participants);
  return { hands: featuresOf(handle).raiseHand, remote, ids };
};

describe('fake raise hand', () => {
  it('raises the local user’s hand once; raising it again changes nothing', async () => {
    const { hands } = await meetingHands();
    const seen = notifications(hands);
    await hands.raiseHand();
    await hands.raiseHand();
    expect(hands.getState().raisedHands).toEqual([{ participantId: LOCAL_PARTICIPANT_ID, order: 1 }]);
    expect(seen.count).toBe(1);
  });

  it('orders hands as they were raised; a lowered hand leaves and comes back with a later order', async () => {
    const { hands, remote, ids } = await meetingHands();
    remote.raiseRemoteHand(ids[0]!);
    await hands.raiseHand();
    remote.raiseRemoteHand(ids[1]!);
    remote.lowerRemoteHand(ids[0]!);
    remote.raiseRemoteHand(ids[0]!);
    expect(hands.getState().raisedHands).toEqual([
      { participantId: LOCAL_PARTICIPANT_ID, order: 2 },
      { participantId: ids[1], order: 3 },
      { participantId: ids[0], order: 4 },
    ]);
    await hands.lowerHand();
    expect(hands.getState().raisedHands.map((hand) => hand.participantId)).toEqual([ids[1], ids[0]]);
  });

  it('lowering a hand that is not raised changes nothing', async () => {
    const { hands, remote, ids } = await meetingHands();
    const seen = notifications(hands);
    await hands.lowerHand();
    remote.lowerRemoteHand(ids[0]!);
    expect(seen.count).toBe(0);
  });

  it('a participant who leaves the call loses their raised hand', async () => {
    const { hands, remote, ids } = await meetingHands();
    remote.raiseRemoteHand(ids[0]!);
    remote.raiseRemoteHand(ids[1]!);
    remote.removeParticipants([ids[0]!]);
    expect(hands.getState().raisedHands).toEqual([{ participantId: ids[1], order: 2 }]);
  });

  it('a remote hand is raised by a participant of the call only', async () => {
    const { remote } = await meetingHands();
    expect(() => remote.raiseRemoteHand('8:orgid:not-here')).toThrow(/not a participant/);
  });

  it('lowerAllHands lowers every hand for an organizer', async () => {
    const { hands, remote, ids } = await meetingHands();
    remote.raiseRemoteHand(ids[0]!);
    await hands.raiseHand();
    await hands.lowerAllHands();
    expect(hands.getState().raisedHands).toEqual([]);
  });

  it('an attendee may raise and lower their own hand but not lower everyone’s (forbidden, role)', async () => {
    const { hands, remote, ids } = await meetingHands(1, { meetingRole: 'attendee' });
    remote.raiseRemoteHand(ids[0]!);
    await hands.raiseHand();
    expect(await typedRejection(hands.lowerAllHands())).toMatchObject({
      code: 'forbidden',
      details: { capability: 'lowerAllHands', reason: 'role' },
    });
    await hands.lowerHand();
    expect(hands.getState().raisedHands).toEqual([{ participantId: ids[0], order: 1 }]);
  });

  it('raiseHand while Teams denies it rejects with forbidden', async () => {
    const { hands, remote } = await meetingHands();
    remote.setCapabilities({ raiseHand: { allowed: false, reason: 'meeting_option' } });
    expect(await typedRejection(hands.raiseHand())).toMatchObject({
      code: 'forbidden',
      details: { capability: 'raiseHand', reason: 'meeting_option' },
    });
    expect(hands.getState().raisedHands).toEqual([]);
  });

  it.each<CallPortStatus>(['in_lobby', 'local_hold', 'connecting'])(
    'raising a hand while the call is %s rejects with invalid_call_state; lowering it is allowed',
    async (status) => {
      const { hands, remote } = await meetingHands();
      await hands.raiseHand();
      remote.reportStatus(status);
      expect(await typedRejection(hands.raiseHand())).toMatchObject({ code: 'invalid_call_state' });
      expect(await typedRejection(hands.lowerAllHands())).toMatchObject({ code: 'invalid_call_state' });
      await hands.lowerHand();
      expect(hands.getState().raisedHands).toEqual([]);
    },
  );

  it('any sequence of raises, lowers and departures keeps one hand per person, in rising order', async () => {
    const person = fc.integer({ min: 0, max: 3 });
    const step = fc.oneof(
      fc.record({ op: fc.constant('raise' as const), who: person }),
      fc.record({ op: fc.constant('lower' as const), who: person }),
      fc.record({ op: fc.constant('leave' as const), who: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constant('lowerAll' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const { hands, remote, ids } = await meetingHands(3);
        const people = [LOCAL_PARTICIPANT_ID, ...ids];
        const present = new Set(people);
        const model: string[] = [];
        for (const next of steps) {
          if (next.op === 'lowerAll') {
            await hands.lowerAllHands();
            model.length = 0;
            continue;
          }
          const id = people[next.who]!;
          if (!present.has(id)) continue;
          if (next.op === 'leave') {
            remote.removeParticipants([id]);
            present.delete(id);
          } else if (next.op === 'raise') {
            if (id === LOCAL_PARTICIPANT_ID) await hands.raiseHand();
            else remote.raiseRemoteHand(id);
            if (!model.includes(id)) model.push(id);
            continue;
          } else if (id === LOCAL_PARTICIPANT_ID) await hands.lowerHand();
          else remote.lowerRemoteHand(id);
          model.splice(0, model.length, ...model.filter((raised) => raised !== id));
        }
        const { raisedHands } = hands.getState();
        expect(raisedHands.map((hand) => hand.participantId)).toEqual(model);
        const orders = raisedHands.map((hand) => hand.order);
        expect(orders).toEqual([...orders].sort((a, b) => a - b));
        expect(new Set(orders).size).toBe(orders.length);
      }),
      { numRuns: 100 },
    );
  });
});
