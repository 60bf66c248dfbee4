import { normalizeRemoteText } from '@teams-endpoint/core';
import { foldForSearch, resolveTenantId, toCustomer } from './customerRecord';
import type { CustomerPage } from './customerRepository';
import { CustomerDirectoryError } from './directoryError';
import { cursorBinding, decodeCursor, encodeCursor, type PagePosition } from './pageCursor';

/** What `listCustomers` takes. */
export interface ListCustomersOptions {
  /**
   * Case-insensitive text found anywhere in the name or the company, or the start of a phone number (`+1425`,
   * `1 425`). At most 100 characters; `%`, `_` and `\` are matched literally. Empty means no search.
   */
  search?: string;
  /** The `nextCursor` of the previous page, for the same tenant and search. */
  cursor?: string;
  /** Customers per page, 1 to 100. Default 50. */
  limit?: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
/** The most code points of a search, after trimming. */
const MAX_SEARCH_LENGTH = 100;

/** A search as both repositories run it: LIKE patterns with the wildcards of the text escaped. */
export interface ResolvedSearch {
  /** The folded search text, which the cursor is bound to. */
  readonly key: string;
  /** `%<escaped key>%`, for the name and company keys, with `\` as the escape character. */
  readonly textPattern: string;
  /** `+<digits>%` when the search reads as the start of a phone number, else `null` (which matches nothing). */
  readonly phonePattern: string | null;
}

export interface ResolvedListQuery {
  readonly tenantId: string;
  readonly search: ResolvedSearch | undefined;
  readonly after: PagePosition | undefined;
  readonly limit: number;
  /** For the cursor of the next page. */
  readonly binding: string;
}

/** Checks every option before any query runs; throws `invalid_tenant_id`, `invalid_search`, `invalid_limit`, `invalid_cursor`. */
export function resolveListQuery(tenantId: string, options: ListCustomersOptions = {}): ResolvedListQuery {
  const tenant = resolveTenantId(tenantId);
  const limit = resolveLimit(options.limit);
  const search = resolveSearch(options.search);
  const binding = cursorBinding(tenant, search?.key);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, binding);
  return { tenantId: tenant, search, after, limit, binding };
}

function resolveLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new CustomerDirectoryError(
      'invalid_limit',
      `The limit must be a whole number from 1 to ${MAX_LIMIT}.`,
    );
  }
  return limit;
}

/** Control characters, NUL included: refused rather than silently dropped, since no stored name has one. */
const CONTROL = /\p{Cc}/u;
/** The formatting characters a phone number is written with. */
const PHONE_FORMATTING = /[ \u00A0.()-]/g;
const PHONE_PREFIX = /^\+?(\d{1,15})$/;
const LIKE_WILDCARD = /[\\%_]/g;

function resolveSearch(search: unknown): ResolvedSearch | undefined {
  if (search === undefined) return undefined;
  if (typeof search !== 'string') throw invalidSearch('not_text', 'The search must be text.');
  if (search.length > 4 * MAX_SEARCH_LENGTH) throw tooLong();
  if (CONTROL.test(search)) {
    throw invalidSearch('control_characters', 'The search must not contain control characters.');
  }
  // Cleaned as stored names are (whitespace collapsed, bidi controls removed), so that what is typed matches.
  const text = normalizeRemoteText(search, 4 * MAX_SEARCH_LENGTH);
  if (text === '') return undefined;
  if (Array.from(text).length > MAX_SEARCH_LENGTH) throw tooLong();
  const key = foldForSearch(text);
  const digits = PHONE_PREFIX.exec(text.replace(PHONE_FORMATTING, ''))?.[1];
  return {
    key,
    textPattern: `%${escapeLike(key)}%`,
    phonePattern: digits === undefined ? null : `+${digits}%`,
  };
}

/** Escapes LIKE's wildcards and its escape character, so that the text matches literally. */
function escapeLike(text: string): string {
  return text.replace(LIKE_WILDCARD, '\\$&');
}

function tooLong(): CustomerDirectoryError {
  return invalidSearch('too_long', `The search must be at most ${MAX_SEARCH_LENGTH} characters.`);
}

function invalidSearch(reason: string, message: string): CustomerDirectoryError {
  return new CustomerDirectoryError('invalid_search', message, { reason });
}

/** A row as both repositories select it for a page. */
export interface PageRow {
  id: string;
  name: string;
  name_key: string;
  phone_number: string;
  company: string | null;
}

/**
 * The page from up to `limit + 1` rows: the extra row only says that there is a next page, whose cursor is
 * the position of the page's last row.
 */
export function pageOf(rows: readonly PageRow[], query: ResolvedListQuery): CustomerPage {
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    customers: page.map(toCustomer),
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor({ nameKey: last.name_key, id: last.id }, query.binding)
        : null,
  };
}
