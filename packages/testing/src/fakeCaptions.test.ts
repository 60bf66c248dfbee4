import {
  type CallPortStatus,
  type CaptionResult,
  type CaptionsHandle,
  LOCAL_PARTICIPANT_ID,
} from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import type { FakeCallingOptions } from './fakeCalling';
import {
  connectedCalling,
  featuresOf,
  liveMeeting,
  liveTeamsCall,
  notifications,
  timersRun,
} from './fakeCalling.test-support';
import { FAKE_CAPTION_LANGUAGES } from './fakeCaptions';
import { typedRejection } from './typedRejection';

const meetingCaptions = async (options?: FakeCallingOptions) => {
  const { handle, remote, ids } = await liveMeeting(await connectedCalling(options), 1);
  return { captions: featuresOf(handle).captions, remote, speakerId: ids[0]! };
};
/** Turns captions on and waits for the change to land. */
const turnOn = async (captions: CaptionsHandle, options?: { readonly spokenLanguage?: string }) => {
  await captions.start(options);
  await timersRun();
};
const heardBy = (captions: { onCaption(listener: (result: CaptionResult) => void): () => void }) => {
  const results: CaptionResult[] = [];
  captions.onCaption((result) => results.push(result));
  return results;
};

describe('fake captions: state and languages', () => {
  it('start off in en-us; a meeting can show them in every supported language', async () => {
    const { captions } = await meetingCaptions();
    expect(captions.getState()).toEqual({
      isActive: false,
      spokenLanguage: 'en-us',
      captionLanguage: 'en-us',
      supportedSpokenLanguages: FAKE_CAPTION_LANGUAGES,
      supportedCaptionLanguages: FAKE_CAPTION_LANGUAGES,
    });
  });

  it('a 1:1 call cannot translate: no caption language, none supported', async () => {
    const { handle } = await liveTeamsCall(await connectedCalling());
    expect(featuresOf(handle).captions.getState()).toMatchObject({
      captionLanguage: null,
      supportedCaptionLanguages: [],
    });
  });

  it('option captionTranslation: true translates in 1:1 calls, false in no meeting', async () => {
    const translating = await liveTeamsCall(await connectedCalling({ captionTranslation: true }));
    expect(featuresOf(translating.handle).captions.getState().captionLanguage).toBe('en-us');
    const { captions } = await meetingCaptions({ captionTranslation: false });
    expect(captions.getState()).toMatchObject({ captionLanguage: null, supportedCaptionLanguages: [] });
  });
});

describe('fake captions: commands', () => {
  it('start resolves first; captions come on a timer later, with one notification, as in the SDK', async () => {
    const { captions } = await meetingCaptions();
    const seen = notifications(captions);
    await captions.start();
    expect(captions.getState().isActive).toBe(false);
    await timersRun();
    expect(captions.getState().isActive).toBe(true);
    expect(seen.count).toBe(1);
  });

  it('a change that lands after the call ended changes nothing', async () => {
    const { captions, remote } = await meetingCaptions();
    const seen = notifications(captions);
    await captions.start();
    remote.remoteHangUp();
    await timersRun();
    expect(captions.getState().isActive).toBe(false);
    expect(seen.count).toBe(0);
  });

  it('start with a spoken language listens for it', async () => {
    const { captions } = await meetingCaptions();
    await turnOn(captions, { spokenLanguage: 'de-de' });
    expect(captions.getState()).toMatchObject({ isActive: true, spokenLanguage: 'de-de' });
  });

  it('start while on resolves and changes nothing, even with another language', async () => {
    const { captions } = await meetingCaptions();
    await turnOn(captions);
    const before = captions.getState();
    const seen = notifications(captions);
    await captions.start({ spokenLanguage: 'fr-fr' });
    expect(captions.getState()).toBe(before);
    expect(seen.count).toBe(0);
  });

  it('two starts at once turn captions on once', async () => {
    const { captions } = await meetingCaptions();
    const seen = notifications(captions);
    await Promise.all([captions.start(), captions.start()]);
    await timersRun();
    expect(seen.count).toBe(1);
  });

  it.each(['EN-US', 'en', '', 'xx-yy', 'en-us '])(
    'start with an unsupported spoken language %j rejects with invalid_argument',
    async (language) => {
      const { captions } = await meetingCaptions();
      const error = await typedRejection(captions.start({ spokenLanguage: language }));
      expect(error).toMatchObject({ code: 'invalid_argument', details: { reason: 'unsupported_language' } });
      expect(captions.getState().isActive).toBe(false);
    },
  );

  it.each<CallPortStatus>(['connecting', 'ringing', 'in_lobby', 'local_hold', 'remote_hold'])(
    'start while the call is %s rejects with invalid_call_state (SDK 400/45226)',
    async (status) => {
      const { captions, remote } = await meetingCaptions();
      remote.reportStatus(status);
      const error = await typedRejection(captions.start());
      expect(error).toMatchObject({
        code: 'invalid_call_state',
        details: { reason: 'not_connected', status },
      });
    },
  );

  it('start while Teams denies startCaptions rejects with forbidden', async () => {
    const { captions, remote } = await meetingCaptions();
    remote.setCapabilities({ startCaptions: { allowed: false, reason: 'policy' } });
    const error = await typedRejection(captions.start());
    expect(error).toMatchObject({
      code: 'forbidden',
      details: { capability: 'startCaptions', reason: 'policy' },
    });
  });

  it('stop turns captions off; stopping captions that are off resolves and changes nothing', async () => {
    const { captions } = await meetingCaptions();
    const seen = notifications(captions);
    await captions.stop();
    await timersRun();
    expect(seen.count).toBe(0);
    await turnOn(captions);
    await captions.stop();
    await timersRun();
    expect(captions.getState().isActive).toBe(false);
    expect(seen.count).toBe(2);
  });

  it('languages cannot change while captions are off (SDK 400/45206, 400/45210)', async () => {
    const { captions } = await meetingCaptions();
    for (const change of [captions.setSpokenLanguage('fr-fr'), captions.setCaptionLanguage('fr-fr')]) {
      expect(await typedRejection(change)).toMatchObject({
        code: 'invalid_call_state',
        details: { reason: 'captions_not_active' },
      });
    }
    expect(captions.getState()).toMatchObject({ spokenLanguage: 'en-us', captionLanguage: 'en-us' });
  });

  it('setSpokenLanguage changes to a supported language; the same one changes nothing', async () => {
    const { captions } = await meetingCaptions();
    await turnOn(captions);
    const seen = notifications(captions);
    await captions.setSpokenLanguage('es-es');
    await captions.setSpokenLanguage('es-es');
    await timersRun();
    expect(captions.getState().spokenLanguage).toBe('es-es');
    expect(seen.count).toBe(1);
    expect(await typedRejection(captions.setSpokenLanguage('klingon'))).toMatchObject({
      code: 'invalid_argument',
      details: { language: 'klingon' },
    });
  });

  it('setCaptionLanguage translates into a supported language, and refuses others', async () => {
    const { captions } = await meetingCaptions();
    await turnOn(captions);
    await captions.setCaptionLanguage('fr-fr');
    await timersRun();
    expect(captions.getState().captionLanguage).toBe('fr-fr');
    expect(await typedRejection(captions.setCaptionLanguage('ja-jp'))).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'unsupported_language' },
    });
  });

  it('setCaptionLanguage in a call that cannot translate refuses every language', async () => {
    const { handle } = await liveTeamsCall(await connectedCalling());
    const { captions } = featuresOf(handle);
    await turnOn(captions);
    expect(await typedRejection(captions.setCaptionLanguage('en-us'))).toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('setCaptionLanguage while Teams denies it rejects with forbidden (no Teams Premium)', async () => {
    const { captions, remote } = await meetingCaptions();
    await turnOn(captions);
    remote.setCapabilities({ setCaptionLanguage: { allowed: false, reason: 'license' } });
    expect(await typedRejection(captions.setCaptionLanguage('fr-fr'))).toMatchObject({
      code: 'forbidden',
      details: { capability: 'setCaptionLanguage', reason: 'license' },
    });
  });

  it('captions can be stopped and their language changed while the call is on hold', async () => {
    const { captions, remote } = await meetingCaptions();
    await turnOn(captions);
    remote.reportStatus('remote_hold');
    await captions.setSpokenLanguage('fr-fr');
    await timersRun();
    await captions.stop();
    await timersRun();
    expect(captions.getState()).toMatchObject({ isActive: false, spokenLanguage: 'fr-fr' });
  });

  it('a start under way when the call ends rejects with invalid_call_state', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveMeeting(calling);
    const held = calling.deferNext('startCaptions');
    const starting = featuresOf(handle).captions.start();
    remote.remoteHangUp();
    held.resolve();
    expect(await typedRejection(starting)).toMatchObject({ code: 'invalid_call_state' });
  });
});

describe('fake captions: what people say', () => {
  it('speak delivers a result only while captions are on', async () => {
    const { captions, remote, speakerId } = await meetingCaptions();
    const results = heardBy(captions);
    expect(remote.speak({ speakerId, text: 'before' })).toBe(false);
    await turnOn(captions);
    expect(
      remote.speak({ speakerId, speakerName: 'Megan', text: 'Hello', isFinal: false, timestamp: 5 }),
    ).toBe(true);
    await captions.stop();
    await timersRun();
    remote.speak({ speakerId, text: 'after' });
    expect(results).toEqual([
      { speakerId, speakerName: 'Megan', text: 'Hello', isFinal: false, timestamp: 5 },
    ]);
  });

  it('speak defaults to a final result stamped now, without a speaker name', async () => {
    const { captions, remote } = await meetingCaptions();
    await turnOn(captions);
    const results = heardBy(captions);
    const before = Date.now();
    remote.speak({ speakerId: LOCAL_PARTICIPANT_ID, text: 'Me' });
    expect(results[0]).toEqual({
      speakerId: LOCAL_PARTICIPANT_ID,
      text: 'Me',
      isFinal: true,
      timestamp: expect.any(Number),
    });
    expect(results[0]!.timestamp).toBeGreaterThanOrEqual(before);
    expect(results[0]).not.toHaveProperty('speakerName');
  });

  it('speakPhrase sends a partial per word so far, then the final, all with one timestamp', async () => {
    const { captions, remote, speakerId } = await meetingCaptions();
    await turnOn(captions);
    const results = heardBy(captions);
    expect(remote.speakPhrase(speakerId, '  Can you  hear me ', { timestamp: 42 })).toBe(true);
    expect(results.map(({ text, isFinal }) => [text, isFinal])).toEqual([
      ['Can', false],
      ['Can you', false],
      ['Can you hear', false],
      ['Can you hear me', true],
    ]);
    expect(new Set(results.map((result) => result.timestamp))).toEqual(new Set([42]));
    expect(() => remote.speakPhrase(speakerId, '   ')).toThrow();
  });

  it('a removed caption listener hears nothing more', async () => {
    const { captions, remote, speakerId } = await meetingCaptions();
    await turnOn(captions);
    const results: CaptionResult[] = [];
    const stop = captions.onCaption((result) => results.push(result));
    stop();
    stop();
    remote.speak({ speakerId, text: 'anyone?' });
    expect(results).toEqual([]);
    expect(remote.listenerCount).toBe(0);
  });
});
