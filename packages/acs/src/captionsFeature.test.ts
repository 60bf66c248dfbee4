import type { TeamsCaptionsInfo } from '@azure/communication-calling';
import { type CaptionResult, LOCAL_PARTICIPANT_ID, TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { ADELE, callFeatureWorld, LOCAL_SKYPE_ID, teamsAcsToken } from './callFeatureWorld.test-support';
import { sdkError, teamsUser } from './stubSdk.test-support';

async function meetingCaptions(options: Parameters<typeof callFeatureWorld>[1] = {}) {
  const setup = await callFeatureWorld('meeting', options);
  const captions = setup.handle.features.captions;
  if (!captions) throw new Error('The meeting has no captions.');
  return { ...setup, captions, sdkCaptions: setup.stub.captionsFeature.captions };
}

const caption = (overrides: Partial<TeamsCaptionsInfo>): TeamsCaptionsInfo => ({
  captionText: 'Bonjour',
  captionLanguage: 'fr',
  resultType: 'Partial',
  speaker: teamsUser(ADELE, 'Adele Vance'),
  spokenLanguage: 'en-us',
  spokenText: 'Hello',
  timestamp: new Date('2026-03-02T09:00:01.500Z'),
  ...overrides,
});

describe('captions', () => {
  it('reads the state from Teams captions; languages are empty until Teams says', async () => {
    const { captions } = await meetingCaptions();
    expect(captions.getState()).toEqual({
      isActive: false,
      spokenLanguage: '',
      captionLanguage: '',
      supportedSpokenLanguages: ['en-us', 'fr-fr', 'de-de'],
      supportedCaptionLanguages: ['en', 'fr', 'de'],
    });
  });

  it('starts with the spoken language as { spokenLanguage }, or without options; the state follows the SDK', async () => {
    const { captions, sdkCaptions } = await meetingCaptions();
    const listener = vi.fn();
    captions.subscribe(listener);
    await captions.start({ spokenLanguage: 'fr-fr' });
    expect(sdkCaptions.startOptions).toEqual([{ spokenLanguage: 'fr-fr' }]);
    expect(captions.getState()).toMatchObject({ isActive: true, spokenLanguage: 'fr-fr' });
    expect(listener).toHaveBeenCalled();
    await captions.stop();
    await captions.start();
    expect(sdkCaptions.startOptions).toEqual([{ spokenLanguage: 'fr-fr' }, undefined]);
    // Without a language, the SDK listens for en-us (`startCaptions`: `spokenLanguage || 'en-us'`).
    expect(captions.getState().spokenLanguage).toBe('en-us');
  });

  it('refuses to start off a connected call, where the SDK would resolve and do nothing', async () => {
    const { captions, sdkCaptions } = await meetingCaptions({ connected: false });
    const error = await typedRejection(captions.start());
    expect(error).toMatchObject({ code: 'invalid_call_state' });
    expect(sdkCaptions.startOptions).toEqual([]);
  });

  it('changes the spoken and the caption language', async () => {
    const { captions } = await meetingCaptions();
    await captions.start();
    await captions.setSpokenLanguage('de-de');
    await captions.setCaptionLanguage('fr');
    expect(captions.getState()).toMatchObject({ spokenLanguage: 'de-de', captionLanguage: 'fr' });
  });

  it.each([
    [
      'an unsupported spoken language',
      async (c: CaptionsUnderTest) => c.start({ spokenLanguage: 'xx-xx' }),
      'invalid_argument',
      45202,
    ],
    [
      'a spoken language before captions started',
      async (c: CaptionsUnderTest) => c.setSpokenLanguage('fr-fr'),
      'invalid_call_state',
      45206,
    ],
    [
      'a caption language before captions started',
      async (c: CaptionsUnderTest) => c.setCaptionLanguage('fr'),
      'invalid_call_state',
      45210,
    ],
  ] as const)('types the SDK’s refusal of %s', async (_name, run, code, subCode) => {
    const { captions } = await meetingCaptions();
    const error = await typedRejection(run(captions));
    expect(error).toBeInstanceOf(TeamsEndpointError);
    expect(error).toMatchObject({ code, details: { subCode } });
  });

  it('translation without Teams Premium is forbidden, for the license', async () => {
    const { captions, sdkCaptions } = await meetingCaptions();
    sdkCaptions.premium = false;
    await captions.start();
    const error = await typedRejection(captions.setCaptionLanguage('fr'));
    expect(error).toMatchObject({
      code: 'forbidden',
      details: { reason: 'license', code: 401, subCode: 45212 },
    });
  });

  it('any other SDK failure is call_failed with its codes', async () => {
    const { captions, sdkCaptions } = await meetingCaptions();
    sdkCaptions.faults.failNext('startCaptions', sdkError(500, 45205, 'Could not start captions.'));
    const error = await typedRejection(captions.start());
    expect(error).toMatchObject({ code: 'call_failed', details: { code: 500, subCode: 45205 } });
  });

  it('hands every caption on: the speaker’s participant id and name, the caption text, final or not, epoch ms', async () => {
    const { captions, sdkCaptions, stub } = await meetingCaptions();
    stub.addParticipants([ADELE]);
    const results: CaptionResult[] = [];
    captions.onCaption((result) => results.push(result));
    sdkCaptions.receive(caption({}));
    sdkCaptions.receive(caption({ resultType: 'Final', captionText: '' }));
    expect(results).toEqual([
      {
        speakerId: `8:orgid:${ADELE}`,
        speakerName: 'Adele Vance',
        text: 'Bonjour',
        isFinal: false,
        timestamp: Date.parse('2026-03-02T09:00:01.500Z'),
      },
      expect.objectContaining({ text: 'Hello', isFinal: true }),
    ]);
  });

  it('the local user speaks as LOCAL_PARTICIPANT_ID; a speaker the platform does not name has an empty id', async () => {
    const { captions, sdkCaptions, stub } = await meetingCaptions();
    stub.addParticipants([ADELE]);
    const results: CaptionResult[] = [];
    captions.onCaption((result) => results.push(result));
    sdkCaptions.receive(
      caption({
        speaker: { identifier: { kind: 'microsoftTeamsUser', microsoftTeamsUserId: 'me', cloud: 'public' } },
      }),
    );
    sdkCaptions.receive(caption({ speaker: { identifier: undefined } }));
    expect(results.map((result) => result.speakerId)).toEqual([LOCAL_PARTICIPANT_ID, '']);
  });

  it('with the token’s identity, only the local user is LOCAL_PARTICIPANT_ID, even if the roster lacks someone', async () => {
    const { captions, sdkCaptions } = await meetingCaptions({ token: teamsAcsToken() });
    const results: CaptionResult[] = [];
    captions.onCaption((result) => results.push(result));
    sdkCaptions.receive(
      caption({
        speaker: {
          identifier: {
            kind: 'microsoftTeamsUser',
            microsoftTeamsUserId: LOCAL_SKYPE_ID.slice(6),
            cloud: 'public',
          },
        },
      }),
    );
    sdkCaptions.receive(caption({}));
    expect(results.map((result) => result.speakerId)).toEqual([LOCAL_PARTICIPANT_ID, `8:orgid:${ADELE}`]);
  });

  it('follows CaptionsReceived only while someone listens, and removes the same handler', async () => {
    const { captions, stub, registry } = await meetingCaptions();
    const stop = captions.onCaption(() => undefined);
    expect(stub.captionsFeature.listenerCount('CaptionsReceived')).toBe(1);
    stop();
    expect(stub.captionsFeature.listenerCount('CaptionsReceived')).toBe(0);
    const stopState = captions.subscribe(() => undefined);
    expect(stub.captionsFeature.listenerCount()).toBe(3);
    stopState();
    expect(stub.captionsFeature.listenerCount()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('a 1:1 Teams call has captions too; a PSTN call has none', async () => {
    expect((await callFeatureWorld('teams')).handle.features.captions).toBeDefined();
    expect((await callFeatureWorld('pstn')).handle.features.captions).toBeUndefined();
  });
});

type CaptionsUnderTest = NonNullable<
  Awaited<ReturnType<typeof callFeatureWorld>>['handle']['features']['captions']
>;
