import { LOCAL_PARTICIPANT_ID } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { ADELE, callFeatureWorld, MEGAN } from './callFeatureWorld.test-support';
import { STUB_LOCAL_RAW_ID } from './stubSdk.test-support';

async function meetingSpotlight() {
  const setup = await callFeatureWorld('meeting');
  const spotlight = setup.handle.features.spotlight;
  if (!spotlight) throw new Error('The meeting has no spotlight.');
  const [adele, megan] = setup.stub.addParticipants([ADELE, MEGAN]);
  return { ...setup, spotlight, sdkSpotlight: setup.stub.spotlightFeature, adele: adele!, megan: megan! };
}

const ADELE_ID = `8:orgid:${ADELE}`;
const MEGAN_ID = `8:orgid:${MEGAN}`;

describe('spotlight', () => {
  it('spotlights participants with their own SDK identifiers, and the local user without participants', async () => {
    const { spotlight, sdkSpotlight, adele, megan } = await meetingSpotlight();
    await spotlight.startSpotlight([ADELE_ID, LOCAL_PARTICIPANT_ID, MEGAN_ID]);
    expect(sdkSpotlight.startArgs).toEqual([[adele.identifier, megan.identifier], undefined]);
    expect(sdkSpotlight.startArgs[0]?.[0]).toBe(adele.identifier);
    expect(spotlight.getState()).toEqual({
      spotlighted: [ADELE_ID, MEGAN_ID, LOCAL_PARTICIPANT_ID],
      maxSpotlighted: 7,
    });
  });

  it('leaves out who is spotlighted already, and sends nothing when nobody is left', async () => {
    const { spotlight, sdkSpotlight, adele } = await meetingSpotlight();
    sdkSpotlight.spotlightBy([ADELE_ID]);
    await spotlight.startSpotlight([ADELE_ID]);
    expect(sdkSpotlight.startArgs).toEqual([]);
    await spotlight.startSpotlight([ADELE_ID, MEGAN_ID]);
    expect(sdkSpotlight.startArgs).toEqual([[expect.objectContaining({ microsoftTeamsUserId: MEGAN })]]);
    expect(adele).toBeDefined();
  });

  it('stops the local spotlight without participants (no role needed), and others by identifier', async () => {
    const { spotlight, sdkSpotlight, megan } = await meetingSpotlight();
    sdkSpotlight.spotlightBy([STUB_LOCAL_RAW_ID, MEGAN_ID]);
    sdkSpotlight.roleRestricted = true;
    await spotlight.stopSpotlight([LOCAL_PARTICIPANT_ID]);
    expect(sdkSpotlight.stopArgs).toEqual([undefined]);
    const error = await typedRejection(spotlight.stopSpotlight([MEGAN_ID]));
    expect(error).toMatchObject({
      code: 'forbidden',
      details: { reason: 'role', code: 403, subCode: 45903 },
    });
    sdkSpotlight.roleRestricted = false;
    await spotlight.stopSpotlight([MEGAN_ID, ADELE_ID]);
    expect(sdkSpotlight.stopArgs.at(-1)).toEqual([megan.identifier]);
    expect(spotlight.getState().spotlighted).toEqual([]);
  });

  it('stops every spotlight', async () => {
    const { spotlight, sdkSpotlight } = await meetingSpotlight();
    sdkSpotlight.spotlightBy([ADELE_ID, MEGAN_ID]);
    await spotlight.stopAllSpotlight();
    expect(spotlight.getState().spotlighted).toEqual([]);
  });

  it('refuses someone not in the call with not_found, before the SDK', async () => {
    const { spotlight, sdkSpotlight } = await meetingSpotlight();
    const error = await typedRejection(spotlight.startSpotlight(['8:orgid:nobody']));
    expect(error).toMatchObject({ code: 'not_found', details: { participantId: '8:orgid:nobody' } });
    expect(sdkSpotlight.startArgs).toEqual([]);
  });

  it('types the SDK’s limit (400/45902) as invalid_call_state', async () => {
    const { spotlight, sdkSpotlight } = await meetingSpotlight();
    sdkSpotlight.maxParticipantsToSpotlight = 1;
    sdkSpotlight.spotlightBy([ADELE_ID]);
    const error = await typedRejection(spotlight.startSpotlight([MEGAN_ID]));
    expect(error).toMatchObject({ code: 'invalid_call_state', details: { subCode: 45902 } });
  });

  it('follows spotlightChanged while subscribed, with the same handler', async () => {
    const { spotlight, sdkSpotlight, registry } = await meetingSpotlight();
    const seen: string[][] = [];
    const stop = spotlight.subscribe(() => seen.push([...spotlight.getState().spotlighted]));
    sdkSpotlight.spotlightBy([MEGAN_ID]);
    expect(seen).toEqual([[MEGAN_ID]]);
    stop();
    expect(sdkSpotlight.listenerCount()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('is offered in meetings only (400/45906 in a 1:1 call)', async () => {
    expect((await callFeatureWorld('teams')).handle.features.spotlight).toBeUndefined();
  });
});
