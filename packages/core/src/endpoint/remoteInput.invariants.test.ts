// Remote input in call snapshots (DESIGN.md, "Remote text is data, never markup" and "Validation happens
// before any network or SDK call"): whatever text another party sends, a call snapshot shows it without
// control or bidi characters and at most REMOTE_TEXT_MAX_LENGTH code points long; whatever a caller's
// number looks like, only a valid E.164 number is shown as a number and looked up.
import { createGraphPort } from '@teams-endpoint/graph';
import {
  createFabrikamWorld,
  createInMemoryContacts,
  type FabrikamWorld,
  type FakeRemoteCall,
  fabrikam,
  waitForSnapshot,
} from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Person } from '../domain/people';
import { normalizeOptionalRemoteText, REMOTE_TEXT_MAX_LENGTH } from '../domain/remoteText';
import type { CallingPort, CallParty, MeetingLocator, Participant } from '../ports/callingPort';
import type { Call, CallSnapshot } from './callUnit';
import { createTeamsEndpoint, type TeamsEndpoint } from './createTeamsEndpoint';
import { createFabrikamEndpoint, server, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

/** Each property runs well under this; the margin is for a loaded machine. */
const PROPERTY_TIMEOUT_MS = 30_000;

/** What must never reach a snapshot's remote text: controls, lone surrogates, bidi controls and marks. */
const UNSAFE = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

const HOSTILE_PIECES = [
  '\u202E',
  '\u202D',
  '\u2066',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
  '\u0000',
  '\u0007',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\u009B',
  '\n',
  '\r\n',
  '\t',
  '\u00A0',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '😀',
  '<img src=x onerror="alert(1)">',
  '   ',
];

/** Text another party controls: anything, hostile characters mixed in, or far too long. */
const remoteText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'grapheme', maxLength: 6 })), {
      maxLength: 30,
    })
    .map((pieces) => pieces.join('')),
  fc
    .tuple(
      fc.constantFrom('x', '😀', 'e\u0301', '\u202E', ' ', 'ab\u0000'),
      fc.integer({ min: REMOTE_TEXT_MAX_LENGTH - 2, max: 10_000 }),
      fc.constantFrom('', '\u202Eexe.txt', '\uD83D'),
    )
    .map(([piece, times, tail]) => piece.repeat(times) + tail),
);

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

/** Every piece of text the snapshot shows of the other side (the remote party and the participants). */
function expectSafeRemoteText(snapshot: CallSnapshot): void {
  for (const text of textsOf({ remote: snapshot.remote, participants: snapshot.participants })) {
    expect(UNSAFE.test(text), `unsafe text in the snapshot: ${JSON.stringify(text)}`).toBe(false);
    expect(Array.from(text).length).toBeLessThanOrEqual(REMOTE_TEXT_MAX_LENGTH);
  }
}

/** The key is left out when the text normalizes to nothing; snapshots never hold an `undefined` value. */
const shownAs = (text: string | undefined) => normalizeOptionalRemoteText(text);

async function ring(world: FabrikamWorld, endpoint: TeamsEndpoint, caller: CallParty): Promise<Call> {
  world.calling.simulateIncomingCall(caller);
  const call = endpoint.getCall(endpoint.getSnapshot().calls.at(-1)!.id)!;
  await waitForSnapshot(call, (snapshot) => snapshot.callerResolution !== 'pending');
  return call;
}

const STRANGER = '+12065550123';
const NOT_IN_DIRECTORY = '0b7d4a3c-1111-4222-8333-944445555666';
const meetingLink = fabrikam.calendarWeek(new Date()).find((event) => event.onlineMeeting)!
  .onlineMeeting!.joinUrl;

describe('remote text in call snapshots', () => {
  it(
    "an incoming caller's display name, as the calling port reports it",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          remoteText,
          fc.constantFrom('phoneNumber', 'teamsUser', 'unknown'),
          async (name, kind) => {
            const { world, endpoint } = await createFabrikamEndpoint();
            const caller: CallParty =
              kind === 'phoneNumber'
                ? { kind, phoneNumber: STRANGER, displayName: name }
                : kind === 'teamsUser'
                  ? { kind, userId: NOT_IN_DIRECTORY, displayName: name }
                  : { kind, rawId: 'x', displayName: name };
            world.calling.simulateIncomingCall(caller);
            const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
            expectSafeRemoteText(call.getSnapshot()); // while the caller is being looked up
            const rung = await waitForSnapshot(call, (snapshot) => snapshot.callerResolution !== 'pending');
            expectSafeRemoteText(rung);
            expect(rung.remote).toEqual({
              kind,
              ...(kind === 'phoneNumber' ? { phoneNumber: STRANGER } : {}),
              ...(kind === 'teamsUser' ? { userId: NOT_IN_DIRECTORY } : {}),
              ...(shownAs(name) ? { displayName: shownAs(name) } : {}),
            });
            await endpoint.dispose();
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "a colleague's name resolved through Graph",
    async () => {
      await fc.assert(
        fc.asyncProperty(remoteText, async (name) => {
          const hostile: Person = { id: NOT_IN_DIRECTORY, displayName: name, mail: 'x@fabrikam.example' };
          const { world, endpoint } = await createFabrikamEndpoint({
            graph: { people: [...fabrikam.people, hostile] },
          });
          const rung = (await ring(world, endpoint, { kind: 'teamsUser', userId: hostile.id })).getSnapshot();
          expectSafeRemoteText(rung);
          expect(rung).toMatchObject(
            shownAs(name)
              ? { callerResolution: 'resolved', remote: { displayName: shownAs(name) } }
              : { callerResolution: 'unknown', remote: { kind: 'teamsUser', userId: hostile.id } },
          );
          await endpoint.dispose();
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "a customer's name and company resolved through the contacts port",
    async () => {
      await fc.assert(
        fc.asyncProperty(remoteText, fc.option(remoteText, { nil: undefined }), async (name, company) => {
          const contacts = createInMemoryContacts([
            {
              id: 'cust-hostile',
              name,
              phoneNumber: STRANGER,
              ...(company === undefined ? {} : { company }),
            },
          ]);
          const { world, endpoint } = await createFabrikamEndpoint({ endpoint: { contacts } });
          const rung = (
            await ring(world, endpoint, { kind: 'phoneNumber', phoneNumber: STRANGER })
          ).getSnapshot();
          expectSafeRemoteText(rung);
          if (shownAs(name)) {
            expect(rung).toMatchObject({
              callerResolution: 'resolved',
              remote: { displayName: shownAs(name), customer: { name: shownAs(name) } },
            });
          } else {
            expect(rung).toMatchObject({ callerResolution: 'unknown', remote: { phoneNumber: STRANGER } });
          }
          await endpoint.dispose();
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "meeting participants' display names, when joining and as they come",
    async () => {
      const participant = (id: string, displayName: string): Participant => ({
        id: `8:orgid:${id}`,
        kind: 'teamsUser',
        displayName,
        isMuted: false,
        isSpeaking: false,
        state: 'connected',
        videoStreams: [],
        isVideoOn: false,
        isScreenSharing: false,
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(remoteText, { minLength: 1, maxLength: 3 }),
          fc.array(remoteText, { minLength: 1, maxLength: 3 }),
          async (atJoin, later) => {
            const world = createFabrikamWorld();
            server.use(...world.graph.handlers);
            // The meeting already has people in it when the port hands the call over.
            const calling = new Proxy(world.calling, {
              get: (target, key) =>
                key === 'joinMeeting'
                  ? async (locator: MeetingLocator, options?: { signal?: AbortSignal }) => {
                      const handle = await target.joinMeeting(locator, options);
                      (handle as unknown as FakeRemoteCall).addParticipants(
                        atJoin.map((name, i) => participant(`join-${i}`, name)),
                      );
                      return handle;
                    }
                  : Reflect.get(target, key, target),
            }) satisfies CallingPort;
            const endpoint = createTeamsEndpoint({
              ...world,
              calling,
              graph: createGraphPort({ identity: world.identity }),
            });
            await endpoint.signIn();
            const call = endpoint.joinMeeting(meetingLink);
            await settle();
            world.calling.lastCall().admit();
            world.calling.lastCall().addParticipants(later.map((name, i) => participant(`later-${i}`, name)));
            await settle();
            const snapshot = call.getSnapshot();
            expectSafeRemoteText(snapshot);
            expect(snapshot.participants.map((p) => p.displayName)).toEqual(
              [...atJoin, ...later].map((name) => shownAs(name)),
            );
            expect(snapshot.participants.every((p) => Object.values(p).every((v) => v !== undefined))).toBe(
              true,
            );
            await endpoint.dispose();
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "a meeting's subject and an outgoing call's display name, as the app passes them",
    async () => {
      await fc.assert(
        fc.asyncProperty(remoteText, async (text) => {
          const { endpoint } = await createFabrikamEndpoint();
          const calls = [
            endpoint.joinMeeting(meetingLink, { subject: text }),
            endpoint.joinMeetingById('123456789012', 'pass1', { subject: text }),
            endpoint.callPhoneNumber(STRANGER, { displayName: text }),
            endpoint.callTeamsUser(fabrikam.meganId, { displayName: text }),
          ];
          for (const call of calls) {
            const snapshot = call.getSnapshot();
            expectSafeRemoteText(snapshot);
            const shown =
              snapshot.remote.kind === 'meeting' ? snapshot.remote.subject : snapshot.remote.displayName;
            expect(shown).toBe(shownAs(text));
          }
          await endpoint.dispose();
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('examples: a right-to-left override, a control sequence and 10,000 characters', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: STRANGER,
      displayName: 'Invoice\u202Etxt.exe\u0000\u001B[2J',
    });
    const meeting = endpoint.joinMeeting(meetingLink, {
      subject: `${'Quarterly review '.repeat(600)}\u2066`,
    });
    await settle();
    const [incoming] = endpoint.getSnapshot().calls;
    expect(incoming!.remote).toMatchObject({ kind: 'phoneNumber', displayName: 'Invoicetxt.exe[2J' });
    const { subject } = meeting.getSnapshot().remote as { subject: string };
    expect(Array.from(subject)).toHaveLength(REMOTE_TEXT_MAX_LENGTH);
    expect(subject.endsWith('…')).toBe(true);
    await endpoint.dispose();
  });
});

/** A number exactly as a person would format it: spaces, dashes, dots, brackets, no-break spaces. */
const formattedNumber = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 14 }),
    fc.array(fc.constantFrom('', '', ' ', '-', '.', '(', ')', '\u00A0'), { minLength: 15, maxLength: 15 }),
    fc.constantFrom('', ' ', '\u00A0', '\t'),
  )
  .map(([first, rest, separators, padding]) => {
    const digits = [first, ...rest];
    const formatted = digits.map((digit, i) => `${separators[i]}${digit}`).join('');
    return { formatted: `${padding}+${formatted}${padding}`, e164: `+${digits.join('')}` };
  });

/** Caller ids that are not a phone number, whatever else they look like. */
const notAPhoneNumber: fc.Arbitrary<unknown> = fc.oneof(
  // Anything not shaped like `+` and digits with formatting.
  fc.string({ unit: 'binary', maxLength: 30 }).filter((text) => !/^\+[\d \u00A0.()-]*$/.test(text.trim())),
  fc.string({ maxLength: 30 }).filter((text) => !/^\+[\d \u00A0.()-]*$/.test(text.trim())),
  // Shaped like one, but wrong: too few or too many digits, a leading 0, no `+`, two `+`.
  fc.stringMatching(/^\+\d{0,6}$/),
  fc.stringMatching(/^\+[1-9]\d{15,30}$/),
  fc.stringMatching(/^\+0\d{6,14}$/),
  fc.stringMatching(/^[1-9]\d{6,14}$/),
  formattedNumber.map(({ formatted }) => `+${formatted}`),
  // A valid number with something hostile or foreign inside, or padded past the input limit.
  formattedNumber.chain(({ formatted }) =>
    fc
      .constantFrom('\u202E', '\u0000', 'a', 'O', '٤', '#', '*', ';ext=5', '\u200B', '/')
      .chain((inserted) =>
        fc.nat(formatted.length).map((at) => `${formatted.slice(0, at)}${inserted}${formatted.slice(at)}`),
      )
      .filter((text) => !/^\+[\d \u00A0.()-]*$/.test(text.trim())),
  ),
  fc.constant(`+1${' '.repeat(70)}4255550101`),
  fc.constantFrom('', ' ', '+', 'anonymous', 'sip:alice@fabrikam.example', 'tel:+14255550101'),
  // A port that breaks its own types.
  fc.constantFrom(null, undefined, 14255550101, { toString: () => '+14255550101' }),
);

describe('incoming caller ids', () => {
  it(
    'a caller id that is not a valid number shows as unknown and is never looked up',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(notAPhoneNumber, fc.option(remoteText, { nil: undefined })), {
            minLength: 1,
            maxLength: 8,
          }),
          async (callers) => {
            const { world, endpoint } = await createFabrikamEndpoint();
            for (const [phoneNumber, displayName] of callers) {
              const call = await ring(world, endpoint, {
                kind: 'phoneNumber',
                phoneNumber: phoneNumber as string,
                ...(displayName === undefined ? {} : { displayName }),
              });
              const snapshot = call.getSnapshot();
              expect(snapshot).toMatchObject({ status: 'incoming', callerResolution: 'unknown' });
              expect(snapshot.remote).toEqual({
                kind: 'unknown',
                ...(shownAs(displayName) ? { displayName: shownAs(displayName) } : {}),
              });
              expectSafeRemoteText(snapshot);
            }
            expect(world.contacts.calls.findCustomerByPhoneNumber).toBe(0);
            await endpoint.dispose();
          },
        ),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a Teams caller whose id is not a GUID shows as unknown and is never looked up in Graph',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.string({ unit: 'binary', maxLength: 40 }),
              fc.uuid().map((id) => `${id}\u202E`),
              fc.uuid().map((id) => `8:orgid:${id}/../users`),
            ),
            { minLength: 1, maxLength: 5 },
          ),
          async (userIds) => {
            const { world, endpoint } = await createFabrikamEndpoint();
            for (const userId of userIds) {
              const call = await ring(world, endpoint, { kind: 'teamsUser', userId });
              expect(call.getSnapshot().remote.kind).toBe('unknown');
            }
            expect(world.graph.requests.filter((request) => request.path !== '/me')).toEqual([]);
            await endpoint.dispose();
          },
        ),
        { numRuns: 30 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a valid number, however formatted, shows in E.164 and is looked up once, in E.164',
    async () => {
      await fc.assert(
        fc.asyncProperty(formattedNumber, async ({ formatted, e164 }) => {
          const asked: string[] = [];
          const contacts = createInMemoryContacts(fabrikam.customers);
          const { world, endpoint } = await createFabrikamEndpoint({
            endpoint: {
              contacts: {
                listCustomers: (options) => contacts.listCustomers(options),
                findCustomerByPhoneNumber: (phoneNumber, options) => {
                  asked.push(phoneNumber);
                  return contacts.findCustomerByPhoneNumber(phoneNumber, options);
                },
              },
            },
          });
          const call = await ring(world, endpoint, { kind: 'phoneNumber', phoneNumber: formatted });
          expect(call.getSnapshot().remote).toMatchObject({ kind: 'phoneNumber', phoneNumber: e164 });
          expect(asked).toEqual([e164]);
          await endpoint.dispose();
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('examples: a customer formatted by the SDK is found; garbage is not looked up', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const megan = fabrikam.customers[0]!;
    const found = await ring(world, endpoint, { kind: 'phoneNumber', phoneNumber: '+1 (425) 555-0101' });
    expect(found.getSnapshot()).toMatchObject({
      callerResolution: 'resolved',
      remote: { kind: 'phoneNumber', phoneNumber: megan.phoneNumber, displayName: megan.name },
    });
    for (const garbage of ['anonymous', '+1-800-FLOWERS', '\u202E+14255550101', '+0123456789', '555-0101']) {
      expect(
        (await ring(world, endpoint, { kind: 'phoneNumber', phoneNumber: garbage })).getSnapshot(),
      ).toMatchObject({
        remote: { kind: 'unknown' },
        callerResolution: 'unknown',
      });
    }
    expect(world.contacts.calls.findCustomerByPhoneNumber).toBe(1);
    await endpoint.dispose();
  });
});
