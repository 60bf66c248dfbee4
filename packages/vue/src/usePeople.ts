import type { Person } from '@teams-endpoint/core';
import type { MaybeRefOrGetter } from 'vue';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { type ListState, useList } from './useList';

/**
 * The Fabrikam directory (use case 3), searched for `query` (a ref or getter; `''`: everyone) and searched
 * again whenever it changes; a new query supersedes the search in flight. The endpoint has one people list:
 * use one `usePeople` per search box.
 *
 * @example
 * const query = ref('');
 * const { snapshot } = usePeople(query);
 * const endpoint = injectTeamsEndpoint();
 * // <input v-model="query" />
 * // <button v-for="p in snapshot.items" :key="p.id" @click="endpoint.callTeamsUser(p.id)">{{ p.displayName }}</button>
 */
export function usePeople(query: MaybeRefOrGetter<string> = ''): ListState<Person, string> {
  return useList(injectTeamsEndpoint().people, query);
}
