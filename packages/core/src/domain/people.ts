/** The signed-in Teams user, from the identity port. Contains no token. */
export interface TeamsUser {
  /** Entra object id (`oid`), a GUID. */
  readonly id: string;
  /** Entra tenant id (`tid`), a GUID. */
  readonly tenantId: string;
  readonly displayName: string;
  readonly userPrincipalName?: string;
}

/** A colleague from the Microsoft Graph directory. `displayName` is untrusted text, never markup. */
export interface Person {
  readonly id: string;
  readonly displayName: string;
  readonly mail?: string;
  readonly jobTitle?: string;
  readonly userPrincipalName?: string;
}

/** One of the vendor's customers, from the contacts port. */
export interface Customer {
  readonly id: string;
  readonly name: string;
  /** E.164, for example `+14255550123`. */
  readonly phoneNumber: string;
  readonly company?: string;
}

/** A Teams meeting from the user's calendar. `subject` is untrusted text, never markup. */
export interface TeamsMeeting {
  readonly id: string;
  readonly subject: string;
  /** ISO 8601 in UTC. */
  readonly start: string;
  /** ISO 8601 in UTC. */
  readonly end: string;
  readonly joinUrl: string;
  readonly location?: string;
  readonly organizer?: string;
}

/** A page of results; pass `nextPageToken` back to get the next one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
}

/** A half-open time range `[start, end)`. */
export interface TimeRange {
  readonly start: Date;
  readonly end: Date;
}
