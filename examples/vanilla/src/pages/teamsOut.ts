import type { Person } from '@teams-endpoint/core';
import { bindAttribute, bindList, bindText } from '@teams-endpoint/vanilla';
import { button, el } from '../ui/dom';
import { loadWhenReady, startPage, tryAction } from '../ui/page';

void startPage('Use case 3: call a colleague', (main, context) => {
  const { endpoint } = context;
  const search = el('input', { id: 'people-search', type: 'search', autocomplete: 'off' });
  const people = el('ul', { class: 'list', 'aria-label': 'People' });
  const listState = el('p', { role: 'status' });
  const more = button('Load more people', () => endpoint.people.loadMore());

  let debounce: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => endpoint.people.load(search.value), 250);
  });

  main.append(
    el('div', { class: 'inline-form' }, el('label', { for: 'people-search' }, 'Search people'), search),
    listState,
    people,
    more,
  );
  bindText(listState, endpoint.people, (s) => {
    if (s.status === 'loading') return 'Loading people…';
    if (s.error) return s.error.message;
    return s.status === 'loaded' ? `${s.items.length} people` : '';
  });
  bindAttribute(more, 'hidden', endpoint.people, (s) => !s.hasMore);
  bindList(
    people,
    endpoint.people,
    (s) => s.items,
    (person: Person) =>
      el(
        'li',
        {},
        el(
          'span',
          { class: 'person' },
          person.displayName,
          person.jobTitle ? el('span', { class: 'hint' }, ` · ${person.jobTitle}`) : null,
        ),
        button(`Call ${person.displayName}`, () =>
          tryAction(context, (e) => e.callTeamsUser(person.id, { displayName: person.displayName })),
        ),
      ),
    (person) => person.id,
  );
  loadWhenReady(context, () => endpoint.people.load(search.value));
});
