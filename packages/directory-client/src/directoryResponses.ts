// The directory's answers, checked against the contract before anything reaches the app. The vendor's server
// is another party: a value of the wrong type, an unbounded string or a number that is not E.164 refuses the
// whole answer with `malformed_response`, rather than handing the core half a customer.
import { type Customer, isE164PhoneNumber } from '@teams-endpoint/core';
import { type DirectoryOperation, malformedResponse } from './directoryErrors';

/** The largest page the directory serves (`limit` is 1 to 100). */
export const MAX_PAGE_SIZE = 100;
/** The longest customer id accepted. */
export const MAX_CUSTOMER_ID_LENGTH = 256;
/**
 * The longest `name` or `company` accepted, in UTF-16 units. The core cuts what it shows to
 * `REMOTE_TEXT_MAX_LENGTH` code points; this bound only refuses an answer no real directory sends.
 */
export const MAX_CUSTOMER_TEXT_LENGTH = 1_000;
/** The longest `nextCursor` accepted; the client sends it back in a query string. */
export const MAX_CURSOR_LENGTH = 2_048;
/** The most bytes of one answer that are read: a full page of customers at the bounds above fits easily. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One page of `GET /customers`. */
export interface CustomerPage {
  readonly customers: readonly Customer[];
  /** Pass it back as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Parses a success body: it must be declared JSON and parse as JSON (an HTML error page is neither). */
export function parseJsonBody(
  operation: DirectoryOperation,
  contentType: string | null,
  body: string,
): unknown {
  if (contentType === null || !JSON_MEDIA_TYPE.test(contentType))
    throw malformedResponse(operation, 'not JSON');
  try {
    return JSON.parse(body);
  } catch {
    throw malformedResponse(operation, 'not JSON');
  }
}

function boundedString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

/** Keeps only the contract's fields of one customer; `company: null` (an empty column) means no company. */
function toCustomer(operation: DirectoryOperation, value: unknown): Customer {
  if (!isObject(value)) throw malformedResponse(operation, 'a customer that is not an object');
  const { id, name, phoneNumber, company } = value;
  if (!boundedString(id, MAX_CUSTOMER_ID_LENGTH) || id === '') {
    throw malformedResponse(operation, 'a customer without a usable id');
  }
  if (!boundedString(name, MAX_CUSTOMER_TEXT_LENGTH)) {
    throw malformedResponse(operation, 'a customer name that is not a bounded string');
  }
  if (typeof phoneNumber !== 'string' || !isE164PhoneNumber(phoneNumber)) {
    throw malformedResponse(operation, 'a customer phone number that is not E.164');
  }
  if (company !== undefined && company !== null && !boundedString(company, MAX_CUSTOMER_TEXT_LENGTH)) {
    throw malformedResponse(operation, 'a company that is not a bounded string');
  }
  return typeof company === 'string' ? { id, name, phoneNumber, company } : { id, name, phoneNumber };
}

/** Checks `200 { customers: Customer[], nextCursor: string | null }`, with at most `limit` customers. */
export function parseCustomerPage(operation: DirectoryOperation, json: unknown, limit: number): CustomerPage {
  if (!isObject(json) || !Array.isArray(json.customers))
    throw malformedResponse(operation, 'no customers array');
  if (json.customers.length > limit)
    throw malformedResponse(operation, 'more customers than the limit asked for');
  const { nextCursor } = json;
  if (nextCursor !== null && (!boundedString(nextCursor, MAX_CURSOR_LENGTH) || nextCursor === '')) {
    throw malformedResponse(operation, 'a nextCursor that is neither null nor a bounded string');
  }
  return { customers: json.customers.map((customer) => toCustomer(operation, customer)), nextCursor };
}

/** Checks `200 { customer: Customer | null }`; a customer must have the number that was looked up. */
export function parseLookup(
  operation: DirectoryOperation,
  json: unknown,
  phoneNumber: string,
): Customer | null {
  if (!isObject(json) || !('customer' in json)) throw malformedResponse(operation, 'no customer field');
  if (json.customer === null) return null;
  const customer = toCustomer(operation, json.customer);
  if (customer.phoneNumber !== phoneNumber) {
    throw malformedResponse(operation, 'a customer with another phone number');
  }
  return customer;
}
