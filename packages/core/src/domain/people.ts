/** The signed-in Teams user, from the identity port. Contains no token. */
export interface TeamsUser {
  /** Entra object id (`oid`), a GUID. */
  readonly id: string;
  /** Entra tenant id (`tid`), a GUID. */
  readonly tenantId: string;
  readonly displayName: string;
  readonly userPrincipalName?: string;
}

/**
 * A colleague from the Microsoft Graph directory. Its text is another party's, shown as data, never markup.
 * In the endpoint's `people` list, every text field has been through `normalizeRemoteText` (no control or
 * bidi characters, one space at most between words, at most `REMOTE_TEXT_MAX_LENGTH` code points).
 */
export interface Person {
  /** Entra object id. */
  readonly id: string;
  /** Never `''` in the `people` list: a person without a name is shown by mail, else UPN, else `'Unnamed user'`. */
  readonly displayName: string;
  readonly mail?: string;
  readonly jobTitle?: string;
  readonly userPrincipalName?: string;
}

/**
 * One of the vendor's customers, from the contacts port. The vendor's data is untrusted too: in the
 * endpoint's `customers` list, `name` and `company` have been through `normalizeRemoteText`, and a customer
 * whose number `parsePhoneNumber` refuses is left out.
 */
export interface Customer {
  readonly id: string;
  /** Never `''` in the `customers` list: a customer without a name is shown by company, else number. */
  readonly name: string;
  /** E.164, for example `+14255550123`; in the `customers` list, always. */
  readonly phoneNumber: string;
  readonly company?: string;
}

/**
 * A Teams meeting from the user's calendar. Its text is the organizer's, shown as data, never markup: in the
 * endpoint's `meetings` list, `subject`, `location` and `organizer` have been through `normalizeRemoteText`.
 */
export interface TeamsMeeting {
  readonly id: string;
  /** May be `''` (a meeting without a subject). */
  readonly subject: string;
  /** ISO 8601 in UTC. */
  readonly start: string;
  /** ISO 8601 in UTC. */
  readonly end: string;
  /**
   * The join link. In the `meetings` list it is the `href` of a link `parseTeamsMeetingLink` accepted: a
   * meeting whose link it refuses is not listed.
   */
  readonly joinUrl: string;
  readonly location?: string;
  readonly organizer?: string;
}

/**
 * A page of results; pass `nextPageToken` back to get the next one. A list stops with `malformed_response`
 * at a page whose `nextPageToken` repeats one that an earlier page of the same query gave.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
}

/** A half-open time range `[start, end)`. */
export interface TimeRange {
  readonly start: Date;
  readonly end: Date;
}
