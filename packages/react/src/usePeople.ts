import type { Person } from '@teams-endpoint/core';
import { type ListState, useList } from './useList';
import { useTeamsEndpoint } from './useTeamsEndpoint';

/**
 * The Fabrikam directory (use case 3), searched for `query` (`''`: everyone); a new query supersedes the
 * search in flight. The endpoint has one people list: mount one `usePeople` per search box.
 *
 * @example
 * const [query, setQuery] = useState('');
 * const { snapshot, list } = usePeople(query);
 * const endpoint = useTeamsEndpoint();
 * snapshot.items.map((person) => (
 *   <button key={person.id} onClick={() => endpoint.callTeamsUser(person.id)}>{person.displayName}</button>
 * ));
 */
export function usePeople(query = ''): ListState<Person, string> {
  return useList(useTeamsEndpoint().people, query);
}
