import type { TryAction } from '@teams-endpoint/demo-kit';
import { directoryPeople, peopleListText, SEARCH_DEBOUNCE_MS } from '@teams-endpoint/demo-kit';
import { usePeople, useSession } from '@teams-endpoint/react';
import { useEffect, useState } from 'react';
import { useFieldErrorProps } from '../useFieldError';
import { WhenSignedIn } from './WhenSignedIn';

/** Use case 3: search the directory, then call a colleague. */
export function PeopleView({ tryAction }: { tryAction: TryAction }) {
  const [search, setSearch] = useState('');
  return (
    <WhenSignedIn>
      <PeopleDirectory search={search} onSearch={setSearch} tryAction={tryAction} />
    </WhenSignedIn>
  );
}

/**
 * The search box and the directory, but the signed-in user. A search that failed says why under the box.
 */
function PeopleDirectory(props: {
  search: string;
  onSearch: (search: string) => void;
  tryAction: TryAction;
}) {
  const { search, onSearch, tryAction } = props;
  const [query, setQuery] = useState(search);
  useEffect(() => {
    // Searches Graph once the typing pauses, not on every key.
    const debounce = setTimeout(() => setQuery(search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(debounce);
  }, [search]);
  const { snapshot, list } = usePeople(query);
  const me = useSession().user;
  const people = directoryPeople(snapshot.items, me);
  // The error is the last search's, until the search is edited.
  const error = snapshot.error && snapshot.query === search.trim() ? snapshot.error.message : '';
  const { inputProps, errorProps } = useFieldErrorProps(error);
  return (
    <>
      <div className="field">
        <div className="inline-form">
          <label htmlFor="people-search">Search people</label>
          <input
            id="people-search"
            type="search"
            autoComplete="off"
            {...inputProps}
            value={search}
            onChange={(event) => onSearch(event.target.value)}
          />
        </div>
        <p {...errorProps}>{error}</p>
      </div>
      <p role="status">{snapshot.error ? '' : peopleListText(snapshot, me)}</p>
      <ul className="list" aria-label="People">
        {people.map((person) => (
          <li key={person.id}>
            <span className="person">
              {person.displayName}
              {person.jobTitle && <span className="hint"> · {person.jobTitle}</span>}
            </span>
            <button
              type="button"
              onClick={() =>
                tryAction((endpoint) =>
                  endpoint.callTeamsUser(person.id, { displayName: person.displayName }),
                )
              }
            >
              Call {person.displayName}
            </button>
          </li>
        ))}
      </ul>
      {snapshot.hasMore && (
        <button type="button" onClick={() => list.loadMore()}>
          Load more people
        </button>
      )}
    </>
  );
}
