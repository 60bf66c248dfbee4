import { type Actor, createActor, waitFor } from 'xstate';
import { parseMeetingIdAndPasscode, parseTeamsMeetingLink } from '../domain/meetingLink';
import type { Customer, Person, TeamsMeeting, TeamsUser, TimeRange } from '../domain/people';
import { parsePhoneNumber } from '../domain/phoneNumber';
import { parseTeamsUserId } from '../domain/teamsUserId';
import { TeamsEndpointError, type TeamsEndpointErrorInfo } from '../errors';
import type { CallKind, RemoteParty } from '../machines/callTypes';
import { remoteFromCaller } from '../machines/callTypes';
import { inboundCallMachine } from '../machines/inboundCallMachine';
import { joinMeetingMachine } from '../machines/joinMeetingMachine';
import { outboundPstnCallMachine } from '../machines/outboundPstnCallMachine';
import { outboundTeamsCallMachine } from '../machines/outboundTeamsCallMachine';
import { sessionMachine } from '../machines/sessionMachine';
import type { CallingPort, CallTarget, IncomingCallHandle, MeetingLocator } from '../ports/callingPort';
import type { ContactsPort } from '../ports/contactsPort';
import type { GraphPort } from '../ports/graphPort';
import type { IdentityPort } from '../ports/identityPort';
import { createUnitStore, type ObservableUnit, shareArray, shareShallow } from '../store/observableUnit';
import { type Call, type CallSnapshot, type CallUnitInternals, createCallUnit } from './callUnit';
import { createListUnit, type ListUnit, type ListUnitInternals } from './listUnit';
import { createPersonResolver } from './personResolver';

export type SessionStatus =
  | 'signed_out'
  | 'signing_in'
  | 'connecting'
  | 'ready'
  | 'reconnecting'
  | 'signing_out'
  | 'failed';

export interface SessionSnapshot {
  readonly status: SessionStatus;
  /** Who is signed in; never a token. */
  readonly user: TeamsUser | null;
  readonly error: TeamsEndpointErrorInfo | null;
}

/** The endpoint's state: the session and every call (live ones, and the last few that ended). */
export interface EndpointSnapshot {
  readonly session: SessionSnapshot;
  readonly calls: readonly CallSnapshot[];
  readonly disposed: boolean;
}

export interface TeamsEndpointOptions {
  readonly identity: IdentityPort;
  readonly graph: GraphPort;
  readonly calling: CallingPort;
  readonly contacts: ContactsPort;
  /** Lets users type national numbers, for example `'1'` or `'44'`. Without it, numbers need a leading `+`. */
  readonly defaultCountryCallingCode?: string;
  /** Upper bound on connecting the call agent. Default 30 s. */
  readonly connectTimeoutMs?: number;
  /** Reconnection attempts after the agent loses its link. Default 5. */
  readonly maxReconnectAttempts?: number;
  /** First reconnection delay; doubles per attempt. Default 1 s. */
  readonly reconnectDelayMs?: number;
  /** Ended calls kept in `snapshot.calls` so the UI can show how they ended. Default 10. */
  readonly maxEndedCalls?: number;
  /** Call waiting: put connected calls on hold when another call is accepted. Default true. */
  readonly holdOtherCallsOnAccept?: boolean;
  /** The clock. Default `Date.now`. */
  readonly now?: () => number;
}

export interface CallOptions {
  /** A name to show until (or instead of) a resolved one; shown as text. */
  readonly displayName?: string;
}

export interface JoinMeetingOptions {
  /** The meeting's subject, to show in the UI; shown as text. */
  readonly subject?: string;
}

/**
 * A custom Teams endpoint: the five use cases behind one observable facade.
 *
 * @example
 * const endpoint = createTeamsEndpoint({ identity, graph, calling, contacts });
 * await endpoint.signIn();
 * const call = endpoint.callPhoneNumber('+1 (425) 555-0123');
 */
export interface TeamsEndpoint extends ObservableUnit<EndpointSnapshot> {
  /** Signs in and connects the call agent. Resolves with the user once ready; rejects with the typed error. */
  signIn(): Promise<TeamsUser>;
  /** Hangs up live calls, disconnects the agent and signs out. */
  signOut(): Promise<void>;
  /** Use case 1. Throws `invalid_phone_number` (nothing else happens) or `not_connected`. */
  callPhoneNumber(phoneNumber: string, options?: CallOptions): Call;
  /** Use case 3. Throws `invalid_teams_user_id` or `not_connected`. */
  callTeamsUser(userId: string, options?: CallOptions): Call;
  /** Use case 5, by link. Throws `invalid_meeting_link` or `not_connected`. */
  joinMeeting(meetingLink: string, options?: JoinMeetingOptions): Call;
  /** Use case 5, by id and passcode. Throws `invalid_meeting_id` or `not_connected`. */
  joinMeetingById(meetingId: string, passcode: string, options?: JoinMeetingOptions): Call;
  /** Any call the endpoint still lists (live, or recently ended). */
  getCall(callId: string): Call | undefined;
  /** Use cases 1 and 2: the vendor's customers. */
  readonly customers: ListUnit<Customer, null>;
  /** Use case 3: the directory; the query is a search text (`''` lists everyone). */
  readonly people: ListUnit<Person, string>;
  /** Use case 5: Teams meetings in a time range (default: the current week). */
  readonly meetings: ListUnit<TeamsMeeting, TimeRange>;
  /** Listeners subscribed to the endpoint and all its units; for leak checks. */
  getSubscriberCount(): number;
  /** Hangs up live calls, stops every machine and removes every port listener. */
  dispose(): Promise<void>;
}

const SESSION_STATUS: Record<string, SessionStatus> = {
  signedOut: 'signed_out',
  signingIn: 'signing_in',
  connecting: 'connecting',
  ready: 'ready',
  reconnecting: 'reconnecting',
  signingOut: 'signing_out',
  failed: 'failed',
};

const MACHINES = {
  outbound_pstn: outboundPstnCallMachine,
  outbound_teams: outboundTeamsCallMachine,
  inbound: inboundCallMachine,
  meeting: joinMeetingMachine,
} as const;

/** How long `dispose()` waits for live calls to hang up. */
const HANG_UP_GRACE_MS = 2_000;

/** The Monday 00:00 (local time) to Monday 00:00 week around `now`. */
export function currentWeek(now: number): TimeRange {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  const end = new Date(start);
  end.setDate(end.getDate() + 7);
  return { start, end };
}

function sameTarget(a: CallTarget | MeetingLocator, b: CallTarget | MeetingLocator): boolean {
  if (a.kind === 'phoneNumber' && b.kind === 'phoneNumber') return a.phoneNumber === b.phoneNumber;
  if (a.kind === 'teamsUser' && b.kind === 'teamsUser') return a.userId === b.userId;
  if (a.kind === 'link' && b.kind === 'link') return a.meetingLink === b.meetingLink;
  if (a.kind === 'id' && b.kind === 'id') return a.meetingId === b.meetingId;
  return false;
}

/**
 * Creates the endpoint over its four ports.
 *
 * @example
 * const endpoint = createTeamsEndpoint({
 *   identity: createMsalIdentity({ clientId, exchange: { url: exchangeUrl } }),
 *   graph: createGraphPort({ identity }),
 *   calling: createAcsCalling(),
 *   contacts: myCustomerDirectory,
 * });
 */
export function createTeamsEndpoint(options: TeamsEndpointOptions): TeamsEndpoint {
  const { identity, graph, calling, contacts } = options;
  const now = options.now ?? Date.now;
  const maxEndedCalls = options.maxEndedCalls ?? 10;
  const lifetime = new AbortController();
  const resolvePerson = createPersonResolver(graph, lifetime.signal);
  let disposed = false;
  let serial = 0;
  const units = new Map<string, CallUnitInternals & { target: CallTarget | MeetingLocator | null }>();

  const session: Actor<typeof sessionMachine> = createActor(sessionMachine, {
    input: {
      deps: { identity, calling },
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      maxReconnectAttempts: options.maxReconnectAttempts ?? 5,
      reconnectDelayMs: options.reconnectDelayMs ?? 1_000,
    },
  });

  const store = createUnitStore<EndpointSnapshot>((previous) => {
    const sessionSnapshot = session.getSnapshot();
    const value =
      typeof sessionSnapshot.value === 'string'
        ? sessionSnapshot.value
        : Object.keys(sessionSnapshot.value)[0]!;
    const { user, error } = sessionSnapshot.context;
    const nextSession = shareShallow(previous?.session, {
      status: SESSION_STATUS[value] ?? 'failed',
      user,
      error: error ? shareShallow(previous?.session.error ?? undefined, error.toJSON()) : null,
    });
    const calls = shareArray(
      previous?.calls,
      [...units.values()].map((unit) => unit.call.getSnapshot()),
    );
    return shareShallow(previous, { session: nextSession, calls, disposed });
  });
  const sessionSubscription = session.subscribe(() => store.invalidate());
  session.start();

  const lists: ListUnitInternals<unknown, unknown>[] = [];
  const addList = <TItem, TQuery>(unit: ListUnitInternals<TItem, TQuery>) => {
    lists.push(unit as ListUnitInternals<unknown, unknown>);
    return unit.list;
  };
  const customers = addList(
    createListUnit<Customer, null>(
      async (_query, _token, signal) => ({ items: await contacts.listCustomers({ signal }) }),
      null,
    ),
  );
  const people = addList(
    createListUnit<Person, string>(
      (search, pageToken, signal) =>
        graph.listPeople({ search, ...(pageToken ? { pageToken } : {}), signal }),
      '',
      { normalize: (query) => query.trim() },
    ),
  );
  const meetings = addList(
    createListUnit<TeamsMeeting, TimeRange>(
      async (range, _token, signal) => ({ items: await graph.listMeetings(range, { signal }) }),
      currentWeek(now()),
      {
        normalize: (range) => {
          if (!(range.start instanceof Date) || !(range.end instanceof Date) || !(range.end > range.start)) {
            throw new TeamsEndpointError('invalid_argument', 'A meeting range needs a start before its end.');
          }
          return range;
        },
        same: (a, b) => a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime(),
      },
    ),
  );

  const requireUsable = () => {
    if (disposed) throw new TeamsEndpointError('disposed', 'This endpoint has been disposed.');
  };
  const requireReady = (): TeamsUser => {
    const snapshot = session.getSnapshot();
    if (snapshot.matches('ready') && snapshot.context.user) return snapshot.context.user;
    if (snapshot.matches('signedOut') || !snapshot.context.user) {
      throw new TeamsEndpointError('not_signed_in', 'Sign in before placing a call.');
    }
    throw new TeamsEndpointError('not_connected', 'The call agent is not connected yet.', {
      retryable: true,
    });
  };

  /** Keeps live calls and the most recent `maxEndedCalls` ended ones. */
  const pruneEnded = () => {
    const ended = [...units.values()].filter((unit) => unit.isFinal());
    for (const unit of ended.slice(0, Math.max(0, ended.length - maxEndedCalls))) {
      unit.stop();
      units.delete(unit.call.id);
    }
  };

  const holdOthers = (acceptingId: string) => {
    if (options.holdOtherCallsOnAccept === false) return;
    for (const unit of units.values()) {
      if (unit.call.id !== acceptingId && unit.call.getSnapshot().status === 'connected') unit.call.hold();
    }
  };

  const startCall = (
    kind: CallKind,
    remote: RemoteParty,
    target: CallTarget | MeetingLocator | null,
    self: TeamsUser,
    incoming?: IncomingCallHandle,
  ): Call => {
    serial += 1;
    const id = `call-${serial}`;
    const unit = createCallUnit({
      id,
      machine: MACHINES[kind],
      input: {
        kind,
        remote,
        ...(target ? { target } : {}),
        ...(incoming ? { incoming } : {}),
        deps: { calling, graph, contacts, self, now, resolvePerson },
      },
      startedAt: now(),
      beforeAccept: () => holdOthers(id),
      onInvalidate: () => {
        if (units.get(id)?.isFinal()) pruneEnded();
        store.invalidate();
      },
    });
    units.set(id, { ...unit, target });
    store.invalidate();
    return unit.call;
  };

  /** A second "call" for the same target while the first is still live returns the first (double clicks). */
  const liveCallTo = (target: CallTarget | MeetingLocator): Call | undefined => {
    for (const unit of units.values()) {
      if (unit.target && !unit.isFinal() && sameTarget(unit.target, target)) return unit.call;
    }
    return undefined;
  };

  const placeOutgoing = (kind: CallKind, remote: RemoteParty, target: CallTarget | MeetingLocator): Call => {
    requireUsable();
    const self = requireReady();
    return liveCallTo(target) ?? startCall(kind, remote, target, self);
  };

  const stopIncoming = calling.onIncomingCall((incoming) => {
    if (disposed) return;
    const user = session.getSnapshot().context.user ?? identity.getCurrentUser();
    if (!user) return;
    startCall('inbound', remoteFromCaller(incoming.caller), null, user, incoming);
  });

  const endpoint: TeamsEndpoint = {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    state$: store.state$,
    customers,
    people,
    meetings,

    async signIn() {
      requireUsable();
      session.send({ type: 'SIGN_IN' });
      const settled = await waitFor(
        session,
        (s) => s.matches('ready') || s.matches('failed') || s.matches('signedOut'),
      );
      if (settled.matches('ready') && settled.context.user) return settled.context.user;
      throw settled.context.error ?? new TeamsEndpointError('sign_in_failed', 'Signing in was cancelled.');
    },

    async signOut() {
      requireUsable();
      for (const unit of units.values()) unit.call.hangUp();
      session.send({ type: 'SIGN_OUT' });
      for (const list of lists) list.reset();
      await waitFor(session, (s) => s.matches('signedOut'));
    },

    callPhoneNumber(phoneNumber, callOptions) {
      const parsed = parsePhoneNumber(phoneNumber, {
        ...(options.defaultCountryCallingCode
          ? { defaultCountryCallingCode: options.defaultCountryCallingCode }
          : {}),
      });
      return placeOutgoing(
        'outbound_pstn',
        remoteFromCaller({ kind: 'phoneNumber', phoneNumber: parsed, displayName: callOptions?.displayName }),
        { kind: 'phoneNumber', phoneNumber: parsed },
      );
    },

    callTeamsUser(userId, callOptions) {
      const parsed = parseTeamsUserId(userId);
      const self = session.getSnapshot().context.user;
      if (self && self.id.toLowerCase() === parsed) {
        throw new TeamsEndpointError('invalid_teams_user_id', 'You cannot call yourself.', {
          details: { reason: 'self' },
        });
      }
      return placeOutgoing(
        'outbound_teams',
        remoteFromCaller({ kind: 'teamsUser', userId: parsed, displayName: callOptions?.displayName }),
        { kind: 'teamsUser', userId: parsed },
      );
    },

    joinMeeting(meetingLink, joinOptions) {
      const link = parseTeamsMeetingLink(meetingLink);
      return placeOutgoing(
        'meeting',
        {
          kind: 'meeting',
          meetingLink: link.href,
          ...(joinOptions?.subject ? { subject: joinOptions.subject } : {}),
        },
        { kind: 'link', meetingLink: link.href },
      );
    },

    joinMeetingById(meetingId, passcode, joinOptions) {
      const parsed = parseMeetingIdAndPasscode(meetingId, passcode);
      return placeOutgoing(
        'meeting',
        {
          kind: 'meeting',
          meetingId: parsed.meetingId,
          ...(joinOptions?.subject ? { subject: joinOptions.subject } : {}),
        },
        { kind: 'id', meetingId: parsed.meetingId, passcode: parsed.passcode },
      );
    },

    getCall: (callId) => units.get(callId)?.call,

    getSubscriberCount: () =>
      store.subscriberCount +
      [...units.values()].reduce((sum, unit) => sum + unit.subscriberCount(), 0) +
      lists.reduce((sum, list) => sum + list.subscriberCount(), 0),

    async dispose() {
      if (disposed) return;
      disposed = true;
      stopIncoming();
      const live = [...units.values()].filter((unit) => !unit.isFinal());
      for (const unit of live) unit.call.hangUp();
      // Give each hang-up a moment to reach the service, but never let a stuck port hold up teardown.
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(live.map((unit) => unit.call.whenEnded())),
        new Promise((resolve) => {
          grace = setTimeout(resolve, HANG_UP_GRACE_MS);
        }),
      ]);
      clearTimeout(grace);
      for (const unit of units.values()) unit.stop();
      for (const list of lists) list.stop();
      lifetime.abort();
      const wasConnected = (['ready', 'reconnecting', 'connecting'] as const).some((state) =>
        session.getSnapshot().matches(state),
      );
      sessionSubscription.unsubscribe();
      session.stop();
      if (wasConnected) await calling.disconnect().catch(() => undefined);
      store.invalidate();
    },
  };
  return endpoint;
}
