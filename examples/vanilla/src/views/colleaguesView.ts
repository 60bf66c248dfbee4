import type { Person } from '@teams-endpoint/core';
import { directoryPeople, peopleListText, SEARCH_DEBOUNCE_MS } from '@teams-endpoint/demo-kit';
import { bindAttribute, bindList, bindText, subscribeMany, subscribeToUnit } from '@teams-endpoint/vanilla';
import type { ViewRenderer } from '../router';
import { button, el } from '../ui/dom';
import { fieldError } from '../ui/fieldError';
import { loadWhenReady, type ViewContext } from './viewContext';

function personItem(person: Person, context: ViewContext): HTMLLIElement {
  return el(
    'li',
    {},
    el(
      'span',
      { class: 'person' },
      person.displayName,
      person.jobTitle ? el('span', { class: 'hint' }, ` · ${person.jobTitle}`) : null,
    ),
    button(`Call ${person.displayName}`, () =>
      context.tryAction((e) => e.callTeamsUser(person.id, { displayName: person.displayName })),
    ),
  );
}

/**
 * Use case 3: search the directory and call a colleague. The signed-in user is left out (no one calls
 * themselves); a failed search says why under the search field.
 */
export const colleaguesView =
  (context: ViewContext): ViewRenderer =>
  (content) => {
    const { endpoint } = context;
    const me = () => endpoint.getSnapshot().session.user;
    const search = el('input', { id: 'people-search', type: 'search', autocomplete: 'off' });
    const searchError = fieldError(search);
    const people = el('ul', { class: 'list', 'aria-label': 'People' });
    const listState = el('p', { role: 'status' });
    const more = button('Load more people', () => endpoint.people.loadMore());

    let debounce: ReturnType<typeof setTimeout> | undefined;
    const onInput = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => endpoint.people.load(search.value), SEARCH_DEBOUNCE_MS);
    };
    search.addEventListener('input', onInput);

    content.append(
      el(
        'div',
        { class: 'field' },
        el('div', { class: 'inline-form' }, el('label', { for: 'people-search' }, 'Search people'), search),
        searchError.node,
      ),
      listState,
      people,
      more,
    );
    return subscribeMany(
      bindText(listState, endpoint.people, (s) => (s.error ? '' : peopleListText(s, me()))),
      subscribeToUnit(
        endpoint.people,
        (s) => s.error?.message,
        (message) => (message ? searchError.show(message) : searchError.clear()),
      ),
      bindAttribute(more, 'hidden', endpoint.people, (s) => !s.hasMore),
      bindList(
        people,
        endpoint.people,
        (s) => directoryPeople(s.items, me()),
        (person) => personItem(person, context),
        (person) => person.id,
      ),
      loadWhenReady(context, () => endpoint.people.load(search.value)),
      searchError.stop,
      () => {
        clearTimeout(debounce);
        search.removeEventListener('input', onInput);
      },
    );
  };
