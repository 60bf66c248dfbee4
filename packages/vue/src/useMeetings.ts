import type { TeamsMeeting, TimeRange } from '@teams-endpoint/core';
import type { MaybeRefOrGetter } from 'vue';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { type ListState, useList } from './useList';

/**
 * Teams meetings in `range` (use case 5; a ref or getter; default: the current week), reloaded when the
 * range's times change.
 *
 * @example
 * const { snapshot } = useMeetings();
 * const endpoint = injectTeamsEndpoint();
 * // <button v-for="m in snapshot.items" :key="m.id" @click="endpoint.joinMeeting(m.joinUrl)">{{ m.subject }}</button>
 */
export function useMeetings(
  range?: MaybeRefOrGetter<TimeRange | undefined>,
): ListState<TeamsMeeting, TimeRange> {
  return useList(injectTeamsEndpoint().meetings, range);
}
