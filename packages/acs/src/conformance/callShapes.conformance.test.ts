import { type DtmfTone, parseTeamsMeetingLink, type TeamsEndpointError } from '@teams-endpoint/core';
import { fabrikam, startOfWeekUtc, typedRejection } from '@teams-endpoint/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcsCalling } from '../createAcsCalling';
import { createStubSdkWorld } from '../stubSdk.test-support';
import { type InstalledSdk, loadInstalledSdk } from './loadInstalledSdk.test-support';
import { createSdkReferee, type SignallingRequest } from './sdkUnderTest.test-support';

// Conformance of the ACS port against the installed SDK's own code. The port runs over the SDK stub, refereed by
// the installed `@azure/communication-calling`: every shape the port produces (start, join, hang-up, DTMF,
// video, event names) first goes through the SDK's own validation, and a refusal fails the call as it would in
// a browser. Only the SDK's collaborators are doubles (see `sdkUnderTest.test-support.ts`).
//
// The media shapes (views, screen sharing, features, camera switch) are in `mediaShapes.conformance.test.ts`,
// which renders under jsdom; later issues add the Teams-features calls, each through `createSdkReferee`.

let sdk: InstalledSdk;
beforeAll(() => {
  sdk = loadInstalledSdk();
});
afterAll(() => sdk.unload());

const getToken = async () => ({ token: 'teams-token', expiresOn: new Date(Date.now() + 3_600_000) });

async function portOverTheInstalledSdk() {
  const referee = createSdkReferee(sdk);
  const world = createStubSdkWorld({ referee });
  const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
  await calling.connect({ getToken });
  const signalled = (): SignallingRequest | undefined => referee.agent.signalled.at(-1);
  return { world, calling, referee, signalled };
}

async function connectedCall() {
  const setup = await portOverTheInstalledSdk();
  const call = await setup.calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
  call.subscribe(() => undefined);
  const stub = setup.world.agent().lastCall();
  stub.setState('Connected');
  return { ...setup, call, stub };
}

const THREAD = '19%3ameeting_NjQ0ZDU2YjQtMTI0Mi00YzM4LWI3ZjQtNzQ0ZTY4MjNmYzYw%40thread.v2';
const CONTEXT =
  'context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%228f0c2a9e-1b2c-4d5e-8f90-123456789abc%22%7d';

/** The Teams meeting links of the fixture calendar that the core accepts. */
const fixtureLinks = fabrikam
  .calendarWeek(startOfWeekUtc(new Date('2026-03-02T00:00:00Z')))
  .flatMap((event) => (event.onlineMeeting ? [event.onlineMeeting.joinUrl] : []))
  .filter((link) => {
    try {
      parseTeamsMeetingLink(link);
      return true;
    } catch {
      return false;
    }
  });

/** Links `parseTeamsMeetingLink` accepts, in every form its own tests accept, classic and short. */
const coreAcceptedLinks = [
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}`,
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/1234567890123?${CONTEXT}`,
  `https://teams.cloud.microsoft/l/meetup-join/${THREAD}/0?${CONTEXT}`,
  `HTTPS://TEAMS.MICROSOFT.COM/l/meetup-join/${THREAD}/0?${CONTEXT}`,
  `https://teams.microsoft.com:443/l/meetup-join/${THREAD}/0?${CONTEXT}`,
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/0/?${CONTEXT}`,
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}&anon=true`,
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?anon=true&${CONTEXT}`,
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`,
  `https://teams.microsoft.com/l/meetup-join/${THREAD}/0/`,
  `https://Teams.Cloud.Microsoft/l/meetup-join/${THREAD}/0`,
  'https://teams.microsoft.com/meet/21234567890?p=AbC123',
  'HTTPS://TEAMS.MICROSOFT.COM/meet/21234567890?p=AbC123',
  'https://teams.microsoft.com/meet/21234567890/?p=AbC123&anon=true',
  'https://teams.microsoft.com/meet/21234567890?anon=true&p=AbC123',
  'https://teams.cloud.microsoft/meet/123456789?p=x',
  `https://teams.microsoft.com/meet/12345678901234567890?p=${'Z9'.repeat(10)}`,
];

describe(`the ACS port's call shapes pass @azure/communication-calling's own validation`, () => {
  it('runs the installed SDK 2.0.0', () => {
    expect(sdk.version).toBe('2.0.0');
  });

  it('starts a PSTN call (use case 1) with the 1:1 overload', async () => {
    const { calling, world, signalled } = await portOverTheInstalledSdk();
    await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    expect(world.agent().startCallArgs).toEqual([[{ phoneNumber: '+14255550123' }, undefined]]);
    expect(signalled()).toMatchObject({ method: 'createCall', target: '' });
    expect(sdk.internals.getMriFromIdentifier({ phoneNumber: '+14255550123' })).toBe('4:+14255550123');
  });

  it('starts a Teams 1:1 call (use case 3) with the 1:1 overload; the chat thread stays with the core', async () => {
    const { calling, signalled } = await portOverTheInstalledSdk();
    await calling.startCall({
      kind: 'teamsUser',
      userId: fabrikam.meganId,
      threadId: `19:${fabrikam.me.id}_${fabrikam.meganId}@unq.gbl.spaces`,
    });
    // A 1:1 call signals no thread; the SDK reads a threadId only for two or more participants.
    expect(signalled()).toMatchObject({ method: 'createCall', target: '' });
    expect(sdk.internals.getMriFromIdentifier({ microsoftTeamsUserId: fabrikam.meganId })).toBe(
      `8:orgid:${fabrikam.meganId}`,
    );
  });

  it('the SDK refuses the old use-case-3 shape, a one-element array with a threadId (400/40213)', () => {
    const referee = createSdkReferee(sdk);
    const error = (() => {
      try {
        referee.startCall([{ microsoftTeamsUserId: fabrikam.meganId }], {
          threadId: '19:chat@unq.gbl.spaces',
        });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ code: 400, subCode: 40213 });
  });

  it.each(fixtureLinks)('joins the fixture calendar’s meeting %s', async (link) => {
    const { calling, signalled } = await portOverTheInstalledSdk();
    await calling.joinMeeting({ kind: 'link', meetingLink: parseTeamsMeetingLink(link).href });
    expect(signalled()?.method).toMatch(/^createCall/);
  });

  it('the fixture calendar has a classic and a short link', () => {
    expect(fixtureLinks.some((link) => link.includes('/l/meetup-join/'))).toBe(true);
    expect(fixtureLinks.some((link) => link.includes('/meet/'))).toBe(true);
  });

  it.each(coreAcceptedLinks)(
    'joins %s as the core accepted it, or refuses it before the SDK as the SDK would',
    async (link) => {
      const { href } = parseTeamsMeetingLink(link);
      const { calling, signalled, referee } = await portOverTheInstalledSdk();
      const joined = await calling.joinMeeting({ kind: 'link', meetingLink: href }).then(
        () => true,
        (error: TeamsEndpointError) => error,
      );
      if (joined === true) {
        const request = signalled();
        if (href.includes('/meet/')) {
          expect(request).toMatchObject({
            method: 'createCallWithMeetingData',
            target: { meetingUrl: expect.stringMatching(/\/meet\/\d+\?p=[A-Za-z0-9]+$/) },
          });
        } else {
          expect(request).toEqual({
            method: 'createCall',
            target: decodeURIComponent(THREAD),
            messageId: href.includes('/1234567890123') ? '1234567890123' : '0',
          });
        }
        return;
      }
      // Only a classic link without its meeting context is refused, and the SDK refuses it too.
      expect(joined).toMatchObject({ code: 'invalid_meeting_link', details: { reason: 'missing_context' } });
      expect(() => referee.join({ meetingLink: href })).toThrowError(
        expect.objectContaining({ code: 400, subCode: 40210 }),
      );
    },
  );

  it('pins the links the core accepts but the SDK 2.0.0 refuses as they are (the port rewrites or refuses them)', () => {
    const referee = createSdkReferee(sdk);
    const refusedAsIs = coreAcceptedLinks.filter((link) => {
      try {
        referee.join({ meetingLink: parseTeamsMeetingLink(link).href });
        return false;
      } catch (error) {
        expect(error).toMatchObject({ code: 400, subCode: 40210 });
        return true;
      }
    });
    expect(refusedAsIs).toEqual([
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}&anon=true`,
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?anon=true&${CONTEXT}`,
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`,
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0/`,
      `https://Teams.Cloud.Microsoft/l/meetup-join/${THREAD}/0`,
      'https://teams.microsoft.com/meet/21234567890/?p=AbC123&anon=true',
      'https://teams.microsoft.com/meet/21234567890?anon=true&p=AbC123',
    ]);
  });

  it('joins by meeting id and passcode', async () => {
    const { calling, signalled } = await portOverTheInstalledSdk();
    await calling.joinMeeting({ kind: 'id', meetingId: '212345678901', passcode: 'AbC123' });
    expect(signalled()).toMatchObject({
      method: 'createCallWithMeetingData',
      target: { meetingCode: '212345678901', passcode: 'AbC123' },
    });
  });

  it.each([{}, { forEveryone: true }])('hangs up with %j', async (options) => {
    const { call, world } = await connectedCall();
    await call.hangUp(options);
    expect(world.agent().lastCall().hangUps).toEqual([{ forEveryone: options.forEveryone ?? false }]);
  });

  it.each<DtmfTone>(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'])(
    'sends DTMF %s',
    async (tone) => {
      const { call, stub } = await connectedCall();
      await call.sendDtmf(tone);
      expect(stub.dtmfSent).toHaveLength(1);
    },
  );

  it.each<DtmfTone>(['A', 'B', 'C', 'D'])(
    'DTMF %s: the SDK’s stack refuses it (400/41022), and the port says so with call_failed',
    async (tone) => {
      const { call, stub } = await connectedCall();
      const error = await typedRejection(call.sendDtmf(tone));
      expect(error).toMatchObject({ code: 'call_failed', details: { code: 400, subCode: 41022 } });
      expect(stub.dtmfSent).toEqual([]);
    },
  );

  it('holds and resumes a connected call', async () => {
    const { call } = await connectedCall();
    await call.hold();
    expect(call.getState().status).toBe('local_hold');
    await call.resume();
    expect(call.getState().status).toBe('connected');
  });

  it('starts and stops video with the SDK’s own LocalVideoStream of a camera the device manager lists', async () => {
    const { call, world } = await connectedCall();
    await call.startVideo();
    expect(call.getState().isVideoOn).toBe(true);
    expect(world.cameraStreams).toHaveLength(1);
    expect(world.cameraStreams[0]).toBeInstanceOf(sdk.exports.LocalVideoStream);
    await call.stopVideo();
    expect(call.getState().isVideoOn).toBe(false);
  });

  it('listens only to event names the SDK knows, on the agent, the call, participants and devices', async () => {
    const { calling, stub } = await connectedCall();
    stub.addParticipants(2);
    const stop = calling.devices.onChanged(() => undefined);
    await calling.devices.getInventory();
    stop();
    await calling.disconnect();
  });
});
