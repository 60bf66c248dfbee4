import { usePeople } from '@teams-endpoint/react';
import { useEffect, useState } from 'react';
import { peopleListText, SEARCH_DEBOUNCE_MS } from '../shared/listView';
import type { TryAction } from '../shared/tryAction';
import { WhenSignedIn } from './WhenSignedIn';

/** Use case 3: search the directory, then call a colleague. */
export function PeopleView({ tryAction }: { tryAction: TryAction }) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    // Searches Graph once the typing pauses, not on every key.
    const debounce = setTimeout(() => setQuery(search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(debounce);
  }, [search]);
  return (
    <>
      <div className="inline-form">
        <label htmlFor="people-search">Search people</label>
        <input
          id="people-search"
          type="search"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <WhenSignedIn>
        <PeopleList query={query} tryAction={tryAction} />
      </WhenSignedIn>
    </>
  );
}

function PeopleList({ query, tryAction }: { query: string; tryAction: TryAction }) {
  const { snapshot, list } = usePeople(query);
  return (
    <>
      <p role="status">{peopleListText(snapshot)}</p>
      <ul className="list" aria-label="People">
        {snapshot.items.map((person) => (
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
