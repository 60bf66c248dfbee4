import type { ListSnapshot, Person } from '@teams-endpoint/core';

/** A search Graph refuses for its text (too long) is the search field's error, not the list's. */
export const searchTextError = (list: ListSnapshot<Person, string>): string =>
  list.error?.code === 'invalid_argument' ? list.error.message : '';
