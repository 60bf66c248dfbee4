import { createHash } from 'node:crypto';
import { isCustomerId } from './customerRecord';
import { CustomerDirectoryError } from './directoryError';

/** The last row of a page: paging goes on after it, in (name key, id) order. */
export interface PagePosition {
  readonly nameKey: string;
  readonly id: string;
}

/** Longer cursors are refused before they are decoded. Room for the longest name key and id, in base64url. */
const MAX_CURSOR_LENGTH = 2048;
const VERSION = 1;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * What a cursor is bound to: the tenant and the search it was issued for. A hash, so that the cursor does not
 * carry the search text (which may be part of a phone number).
 */
export function cursorBinding(tenantId: string, searchKey: string | undefined): string {
  return createHash('sha256')
    .update(`${tenantId}\n${searchKey === undefined ? '-' : `+${searchKey}`}`)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * An opaque base64url token for the position after `last`, bound to one tenant and one search. It is not
 * signed and need not be: every query is filtered by the caller's tenant, so a forged cursor can only move
 * within the caller's own customers. The binding makes a cursor used elsewhere fail loudly instead.
 */
export function encodeCursor(last: PagePosition, binding: string): string {
  return Buffer.from(JSON.stringify([VERSION, binding, last.nameKey, last.id]), 'utf8').toString('base64url');
}

/** The position a cursor encodes, or `invalid_cursor` when it is malformed or bound to something else. */
export function decodeCursor(cursor: unknown, binding: string): PagePosition {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) {
    throw invalidCursor('malformed');
  }
  if (!BASE64URL.test(cursor)) throw invalidCursor('malformed');
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the encoding we issue: no padding, no trailing bits, so one position has one cursor.
  if (bytes.toString('base64url') !== cursor) throw invalidCursor('malformed');
  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalidCursor('malformed');
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    decoded[0] !== VERSION ||
    typeof decoded[1] !== 'string' ||
    typeof decoded[2] !== 'string' ||
    !isCustomerId(decoded[3])
  ) {
    throw invalidCursor('malformed');
  }
  if (decoded[1] !== binding) throw invalidCursor('other_tenant_or_search');
  return { nameKey: decoded[2], id: decoded[3] };
}

function invalidCursor(reason: string): CustomerDirectoryError {
  return new CustomerDirectoryError(
    'invalid_cursor',
    'The cursor is not one this directory issued for this search. Start again without a cursor.',
    { reason },
  );
}
