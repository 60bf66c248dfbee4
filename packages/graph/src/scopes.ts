/**
 * The delegated Microsoft Graph permissions each {@link GraphPort} method needs.
 *
 * The port asks the identity port for a token with exactly these scopes, and names them in the
 * `details.scopes` of a `consent_required` error when Graph answers 403.
 */
export const graphScopes = {
  /** `GET /users` (list and `$search`). */
  listPeople: ['User.ReadBasic.All'],
  /** `GET /users/{id}` (caller-id resolution). */
  getPerson: ['User.ReadBasic.All'],
  /** `POST /$batch` of `GET /users/{id}` (several callers at once). */
  getPeople: ['User.ReadBasic.All'],
  /** `POST /chats` (the 1:1 chat a Teams VoIP call is placed on). */
  getOrCreateOneOnOneChat: ['Chat.Create'],
  /** `GET /me/calendar/calendarView` (Teams meetings with their `onlineMeeting.joinUrl`). */
  listMeetings: ['Calendars.Read'],
} as const satisfies Record<string, readonly string[]>;

export type GraphOperation = keyof typeof graphScopes;

/** Every scope the Graph port may ask for, without duplicates: request these at sign-in to consent once. */
export const allGraphScopes: readonly string[] = Object.freeze([
  ...new Set(Object.values(graphScopes).flat()),
]);
