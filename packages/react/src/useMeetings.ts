import type { TeamsMeeting, TimeRange } from '@teams-endpoint/core';
import { type ListState, useList } from './useList';
import { useTeamsEndpoint } from './useTeamsEndpoint';

/**
 * Teams meetings in `range` (use case 5; default: the current week), reloaded when the range's times change.
 *
 * @example
 * const { snapshot } = useMeetings();
 * const endpoint = useTeamsEndpoint();
 * snapshot.items.map((meeting) => (
 *   <button key={meeting.id} onClick={() => endpoint.joinMeeting(meeting.joinUrl, { subject: meeting.subject })}>
 *     {meeting.subject}
 *   </button>
 * ));
 */
export function useMeetings(range?: TimeRange): ListState<TeamsMeeting, TimeRange> {
  return useList(useTeamsEndpoint().meetings, range);
}
