import type { Page, Person, TeamsMeeting, TimeRange } from '../domain/people';
import type { SignalOption } from './identityPort';

export interface ListPeopleOptions extends SignalOption {
  /** Free-text search on display name; empty means list everyone. */
  readonly search?: string;
  /** The `nextPageToken` of the previous page. */
  readonly pageToken?: string;
}

/** A 1:1 chat between the signed-in user and a colleague. */
export interface OneOnOneChat {
  /** Opaque chat thread id, for example `19:<oid>_<oid>@unq.gbl.spaces`. */
  readonly threadId: string;
}

/**
 * The slice of Microsoft Graph this SDK uses.
 *
 * Real implementation: `@teams-endpoint/graph`. Tests run that same implementation over MSW.
 * Every method rejects only with a `TeamsEndpointError`.
 */
export interface GraphPort {
  /** One page of the directory, optionally filtered by a search query. */
  listPeople(options?: ListPeopleOptions): Promise<Page<Person>>;
  /** One person by Entra object id (caller-id resolution). */
  getPerson(id: string, options?: SignalOption): Promise<Person>;
  /**
   * Several people by id in as few requests as possible (`$batch`, 20 per request), for callers that ring at
   * the same moment. Ids that do not exist are left out of the result.
   */
  getPeople(ids: readonly string[], options?: SignalOption): Promise<ReadonlyMap<string, Person>>;
  /** Gets or creates the 1:1 chat between two users; idempotent. */
  getOrCreateOneOnOneChat(selfId: string, otherId: string, options?: SignalOption): Promise<OneOnOneChat>;
  /** The user's Teams meetings in a range, sorted by start time. Non-Teams events are left out. */
  listMeetings(range: TimeRange, options?: SignalOption): Promise<readonly TeamsMeeting[]>;
}
