import { parseMeetingIdAndPasscode, parseTeamsMeetingLink } from '../domain/meetingLink';
import type { Customer, Person, TeamsMeeting, TeamsUser, TimeRange } from '../domain/people';
import { parsePhoneNumber } from '../domain/phoneNumber';
import { normalizeOptionalRemoteText } from '../domain/remoteText';
import { parseTeamsUserId } from '../domain/teamsUserId';
import { TeamsEndpointError } from '../errors';
import type { CallKind, RemoteParty } from '../machines/callTypes';
import { remoteFromCaller } from '../machines/callTypes';
import type { CallHistoryPort } from '../ports/callHistoryPort';
import type { CallingPort, CallTarget, MeetingLocator } from '../ports/callingPort';
import type { ContactsPort } from '../ports/contactsPort';
import type { GraphPort } from '../ports/graphPort';
import type { IdentityPort } from '../ports/identityPort';
import { createMemoryCallHistory } from '../store/memoryCallHistory';
import {
  createUnitStore,
  type ObservableUnit,
  shareArray,
  shareShallow,
  type UnitStore,
} from '../store/observableUnit';
import { type CallHistory, createCallHistoryUnit } from './callHistoryUnit';
import { createCallRegistry } from './callRegistry';
import type { Call, CallSnapshot } from './callUnit';
import { createEndpointLists } from './endpointLists';
import type { ListUnit } from './listUnit';
import { createPersonResolver } from './personResolver';
import { createSessionUnit, type SessionSnapshot } from './sessionUnit';

export type { SessionStatus } from '../machines/sessionMachine';
export { currentWeek } from './endpointLists';
export type { SessionSnapshot } from './sessionUnit';

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
  /**
   * Where ended calls are kept (`endpoint.history`). Default: `createMemoryCallHistory()`, gone with the page;
   * `@teams-endpoint/call-history-idb` keeps them in IndexedDB.
   */
  readonly history?: CallHistoryPort;
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
  /**
   * Call waiting: at most one call is active (connected, not held) at a time. Accepting or resuming a call
   * holds the active one first; a call that becomes active by itself has the others held. Default true.
   */
  readonly callWaiting?: boolean;
  /** @deprecated Use `callWaiting`. */
  readonly holdOtherCallsOnAccept?: boolean;
  /**
   * Bound on each port request the core makes that has no bound of its own: caller lookup (contacts or
   * Graph), chat creation and each call history request. On expiry it ends in a typed `timeout`. Default 15 s.
   */
  readonly requestTimeoutMs?: number;
  /** Bound on one mute, hold, resume or video request; a port that never answers counts as a failure. Default 10 s. */
  readonly controlTimeoutMs?: number;
  /**
   * Bound on a transfer, from the request until Teams says it completed or failed (the target may ring for a
   * while). On expiry the transfer fails with `timeout`; the call goes on. Default 60 s.
   */
  readonly transferTimeoutMs?: number;
  /**
   * How long sign-out and dispose wait for live calls to hang up before ending them here, and dispose then
   * for the call history to save them. Default 2 s.
   */
  readonly hangUpGraceMs?: number;
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
  /**
   * The calls that ended, newest first, with redial. Every call is recorded once as it ends or fails: a call
   * that fails to start, one the remote party transferred us out of, one that sign-out or dispose ended.
   */
  readonly history: CallHistory;
  /** Listeners subscribed to the endpoint and all its units; for leak checks. */
  getSubscriberCount(): number;
  /** Hangs up live calls, stops every machine and removes every port listener. */
  dispose(): Promise<void>;
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
  const lifetime = new AbortController();
  const hangUpGraceMs = options.hangUpGraceMs ?? 2_000;
  let disposed = false;
  let disposing: Promise<void> | null = null;

  // The units report changes from their first transition on, before the endpoint's store exists.
  let store: UnitStore<EndpointSnapshot> | null = null;
  const invalidate = () => store?.invalidate();
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  // The endpoint's own actions redial: `endpoint` exists by the time anyone can redial.
  const history = createCallHistoryUnit({
    port: options.history ?? createMemoryCallHistory(),
    dial: {
      callPhoneNumber: (...args) => endpoint.callPhoneNumber(...args),
      callTeamsUser: (...args) => endpoint.callTeamsUser(...args),
      joinMeeting: (...args) => endpoint.joinMeeting(...args),
    },
    now,
    requestTimeoutMs,
  });
  const session = createSessionUnit(
    {
      deps: { identity, calling },
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      maxReconnectAttempts: options.maxReconnectAttempts ?? 5,
      reconnectDelayMs: options.reconnectDelayMs ?? 1_000,
    },
    invalidate,
  );
  const calls = createCallRegistry({
    deps: {
      calling,
      graph,
      contacts,
      now,
      resolvePerson: createPersonResolver(graph, lifetime.signal),
      requestTimeoutMs,
      controlTimeoutMs: options.controlTimeoutMs ?? 10_000,
      transferTimeoutMs: options.transferTimeoutMs ?? 60_000,
      phoneNumberOptions: options.defaultCountryCallingCode
        ? { defaultCountryCallingCode: options.defaultCountryCallingCode }
        : {},
    },
    maxEndedCalls: options.maxEndedCalls ?? 10,
    callWaiting: options.callWaiting ?? options.holdOtherCallsOnAccept ?? true,
    onChange: invalidate,
    onEnded: history.record,
  });
  const lists = createEndpointLists({ graph, contacts, now });

  const endpointStore = createUnitStore<EndpointSnapshot>((previous) =>
    shareShallow(previous, {
      session: session.snapshot(previous?.session),
      calls: shareArray(previous?.calls, calls.snapshots()),
      disposed,
    }),
  );
  store = endpointStore;

  const requireUsable = () => {
    if (disposed) throw new TeamsEndpointError('disposed', 'This endpoint has been disposed.');
  };

  const placeOutgoing = (kind: CallKind, remote: RemoteParty, target: CallTarget | MeetingLocator): Call => {
    requireUsable();
    const self = session.requireReady();
    return calls.liveCallTo(target) ?? calls.start(kind, remote, target, self);
  };

  const stopIncoming = calling.onIncomingCall((incoming) => {
    if (disposed || !session.offersIncomingCalls()) return;
    const user = session.user() ?? identity.getCurrentUser();
    if (!user) return;
    calls.start('inbound', remoteFromCaller(incoming.caller), null, user, incoming);
  });

  const tearDown = async () => {
    disposed = true;
    stopIncoming();
    // Each live call hangs up, bounded by the grace period; those the port never confirms end here.
    await calls.endAll('dispose', hangUpGraceMs);
    calls.stopAll();
    await history.stop(hangUpGraceMs);
    for (const list of lists.all) list.stop();
    lifetime.abort();
    const holdsAgent = session.holdsAgent();
    session.stop();
    if (holdsAgent) await calling.disconnect().catch(() => undefined);
    endpointStore.invalidate();
    endpointStore.close();
  };

  const endpoint: TeamsEndpoint = {
    getSnapshot: endpointStore.getSnapshot,
    subscribe: endpointStore.subscribe,
    state$: endpointStore.state$,
    customers: lists.customers.list,
    people: lists.people.list,
    meetings: lists.meetings.list,
    history: history.history,

    async signIn() {
      requireUsable();
      return session.signIn();
    },

    async signOut() {
      requireUsable();
      // The calls hang up first, each saying that sign-out ended it; the agent's disconnect ends the rest.
      const hungUp = calls.endAll('sign_out', hangUpGraceMs);
      for (const list of lists.all) list.reset();
      await Promise.all([hungUp, session.signOut()]);
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
      const self = session.user();
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
      return placeOutgoing('meeting', meetingParty({ meetingLink: link.href }, joinOptions), {
        kind: 'link',
        meetingLink: link.href,
      });
    },

    joinMeetingById(meetingId, passcode, joinOptions) {
      const parsed = parseMeetingIdAndPasscode(meetingId, passcode);
      return placeOutgoing('meeting', meetingParty({ meetingId: parsed.meetingId }, joinOptions), {
        kind: 'id',
        meetingId: parsed.meetingId,
        passcode: parsed.passcode,
      });
    },

    getCall: (callId) => calls.get(callId),

    getSubscriberCount: () =>
      endpointStore.subscriberCount +
      calls.subscriberCount() +
      history.subscriberCount() +
      lists.all.reduce((sum, list) => sum + list.subscriberCount(), 0),

    dispose() {
      // Every caller waits for the one teardown: a second dispose() resolves once it is done, not before.
      disposing ??= tearDown();
      return disposing;
    },
  };

  return endpoint;
}

/** A meeting as the other party; its subject is remote text (the calendar's), normalized. */
function meetingParty(
  locator: { meetingLink: string } | { meetingId: string },
  joinOptions: JoinMeetingOptions | undefined,
): RemoteParty {
  const subject = normalizeOptionalRemoteText(joinOptions?.subject);
  return { kind: 'meeting', ...locator, ...(subject ? { subject } : {}) };
}
