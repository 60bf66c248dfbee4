import { LOCAL_PARTICIPANT_ID } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { ADELE, callFeatureWorld, MEGAN } from './callFeatureWorld.test-support';
import { sdkError } from './stubSdk.test-support';

async function meetingHands() {
  const setup = await callFeatureWorld('meeting');
  const raiseHand = setup.handle.features.raiseHand;
  if (!raiseHand) throw new Error('The meeting has no raise hand.');
  setup.stub.addParticipants([ADELE, MEGAN]);
  return { ...setup, raiseHand, sdkHands: setup.stub.raiseHandFeature };
}

describe('raise hand', () => {
  it('raises and lowers the local hand, reported as LOCAL_PARTICIPANT_ID', async () => {
    const { raiseHand } = await meetingHands();
    const listener = vi.fn();
    raiseHand.subscribe(listener);
    await raiseHand.raiseHand();
    expect(raiseHand.getState()).toEqual({
      raisedHands: [{ participantId: LOCAL_PARTICIPANT_ID, order: 1 }],
    });
    expect(listener).toHaveBeenCalledTimes(1);
    await raiseHand.lowerHand();
    expect(raiseHand.getState()).toEqual({ raisedHands: [] });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('reports remote hands by participant id, in the order they were raised', async () => {
    const { raiseHand, sdkHands } = await meetingHands();
    raiseHand.subscribe(() => undefined);
    sdkHands.raiseBy(`8:orgid:${MEGAN}`);
    await raiseHand.raiseHand();
    sdkHands.raiseBy(`8:orgid:${ADELE}`);
    expect(raiseHand.getState().raisedHands).toEqual([
      { participantId: `8:orgid:${MEGAN}`, order: 1 },
      { participantId: LOCAL_PARTICIPANT_ID, order: 2 },
      { participantId: `8:orgid:${ADELE}`, order: 3 },
    ]);
    await raiseHand.lowerAllHands();
    expect(raiseHand.getState().raisedHands).toEqual([]);
  });

  it('hands back the same state object until a hand changes', async () => {
    const { raiseHand, sdkHands } = await meetingHands();
    const first = raiseHand.getState();
    expect(raiseHand.getState()).toBe(first);
    sdkHands.raiseBy(`8:orgid:${MEGAN}`);
    expect(raiseHand.getState()).not.toBe(first);
  });

  it('types what the SDK throws', async () => {
    const { raiseHand, sdkHands } = await meetingHands();
    sdkHands.faults.failNext('raiseHand', sdkError(500, 45752, 'Could not change a participant state.'));
    const error = await typedRejection(raiseHand.raiseHand());
    expect(error).toMatchObject({ code: 'call_failed', details: { code: 500, subCode: 45752 } });
  });

  it('follows raisedHandEvent and loweredHandEvent while subscribed, removing the same handlers', async () => {
    const { raiseHand, sdkHands, registry } = await meetingHands();
    const stop = raiseHand.subscribe(() => undefined);
    expect(sdkHands.listenerCount()).toBe(2);
    stop();
    expect(sdkHands.listenerCount()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('is offered in meetings only (the SDK refuses raiseHand in a 1:1 call, 400/45758)', async () => {
    expect((await callFeatureWorld('teams')).handle.features.raiseHand).toBeUndefined();
    expect((await callFeatureWorld('pstn')).handle.features.raiseHand).toBeUndefined();
  });
});
