import { createHash } from 'node:crypto';
import { type Customer, isE164PhoneNumber, normalizeRemoteText } from '@teams-endpoint/core';
import { CustomerDirectoryError, type CustomerImportProblem } from './directoryError';

/** The most code points of a customer's name and of a company name, after cleaning. */
export const MAX_NAME_LENGTH = 200;
/** Ids are what a CRM exports (`CUST-00123`, a GUID) or {@link deriveCustomerId}'s; at most this long. */
export const MAX_ID_LENGTH = 128;
/** Letters, digits and `. _ : @ -`, starting with a letter or a digit. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;
/**
 * Bytes of a search key an index entry may hold: PostgreSQL refuses a B-tree entry past about 2.7 kB, and a
 * 200-code-point name can reach that once normalized. No real name comes near.
 */
const MAX_KEY_BYTES = 1024;
/** Text longer than this is refused before it is cleaned. */
const MAX_RAW_TEXT_LENGTH = 4 * MAX_NAME_LENGTH;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNTRY_CALLING_CODE = /^[1-9]\d{0,2}$/;

/** A `defaultCountryCallingCode` as the core's `parsePhoneNumber` takes it: 1 to 3 digits, no `+`. */
export function isCountryCallingCode(value: unknown): value is string {
  return typeof value === 'string' && COUNTRY_CALLING_CODE.test(value);
}

/** A customer as the repositories store it: the keys are what paging orders by and search matches. */
export interface StoredCustomer {
  readonly id: string;
  readonly name: string;
  /** {@link foldForSearch} of the name. */
  readonly nameKey: string;
  /** E.164. */
  readonly phoneNumber: string;
  readonly company: string | null;
  readonly companyKey: string | null;
}

/**
 * The key that orders and matches text case-insensitively: NFC, then lower case. Both databases compare keys
 * byte by byte (SQLite's BINARY, PostgreSQL's `COLLATE "C"`), so the order is the same in both: UTF-8 byte
 * order, which is code-point order.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Lower-case tenant id, or `invalid_tenant_id`. Every repository method starts here. */
export function resolveTenantId(tenantId: unknown): string {
  if (typeof tenantId !== 'string' || !GUID.test(tenantId)) {
    throw new CustomerDirectoryError('invalid_tenant_id', 'The tenant id must be a GUID.');
  }
  return tenantId.toLowerCase();
}

/** An E.164 number, or `invalid_phone_number`: the repositories take no other form. */
export function resolveE164(phoneNumber: unknown): string {
  if (typeof phoneNumber !== 'string' || !isE164PhoneNumber(phoneNumber)) {
    throw new CustomerDirectoryError(
      'invalid_phone_number',
      'The phone number must be in E.164 form, for example +14255550123.',
    );
  }
  return phoneNumber;
}

/** Whether `id` is a customer id this package stores. */
export function isCustomerId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= MAX_ID_LENGTH && ID.test(id);
}

/**
 * Cleans a name or company as remote text (control and bidi characters removed, whitespace collapsed,
 * trimmed) and bounds it, or says why it is refused.
 */
export function cleanCustomerText(text: string): { text: string } | { reason: 'too_long' } {
  if (text.length > MAX_RAW_TEXT_LENGTH) return { reason: 'too_long' };
  const cleaned = normalizeRemoteText(text, MAX_RAW_TEXT_LENGTH);
  if (Array.from(cleaned).length > MAX_NAME_LENGTH) return { reason: 'too_long' };
  if (Buffer.byteLength(foldForSearch(cleaned)) > MAX_KEY_BYTES) return { reason: 'too_long' };
  return { text: cleaned };
}

/**
 * Checks the rows of an import, all of them, and returns them as stored; or throws `invalid_customers` with
 * every problem (rows numbered from 1). Ids and phone numbers must be unique within the rows.
 */
export function checkCustomers(rows: readonly Customer[]): StoredCustomer[] {
  if (!Array.isArray(rows)) {
    throw new CustomerDirectoryError('invalid_customers', 'The customers must be an array.');
  }
  const problems: CustomerImportProblem[] = [];
  const stored: StoredCustomer[] = [];
  const rowOfId = new Map<string, number>();
  const rowOfPhoneNumber = new Map<string, number>();

  rows.forEach((customer, index) => {
    const row = index + 1;
    const problem = (field: CustomerImportProblem['field'], reason: string, message: string) =>
      problems.push({ row, field, reason, message });
    if (typeof customer !== 'object' || customer === null) {
      problems.push({ row, reason: 'not_an_object', message: 'The row is not a customer object.' });
      return;
    }
    const { id, name, phoneNumber, company } = customer;
    const before = problems.length;

    if (!isCustomerId(id)) {
      problem(
        'id',
        'invalid',
        `The id must be 1 to ${MAX_ID_LENGTH} letters, digits or ". _ : @ -", starting with a letter or a digit.`,
      );
    } else if (rowOfId.has(id)) {
      problem('id', 'duplicate', `The id is also the id of row ${rowOfId.get(id)}.`);
    } else {
      rowOfId.set(id, row);
    }

    const cleanName = typeof name === 'string' ? cleanCustomerText(name) : undefined;
    if (cleanName === undefined || ('text' in cleanName && cleanName.text === '')) {
      problem('name', 'missing', 'The name is missing.');
    } else if ('reason' in cleanName) {
      problem('name', 'too_long', `The name is longer than ${MAX_NAME_LENGTH} characters.`);
    }

    if (typeof phoneNumber !== 'string' || !isE164PhoneNumber(phoneNumber)) {
      problem('phoneNumber', 'not_e164', 'The phone number is not in E.164 form, such as +14255550123.');
    } else if (rowOfPhoneNumber.has(phoneNumber)) {
      problem(
        'phoneNumber',
        'duplicate',
        `The phone number is also the number of row ${rowOfPhoneNumber.get(phoneNumber)}.`,
      );
    } else {
      rowOfPhoneNumber.set(phoneNumber, row);
    }

    let cleanCompany: string | null = null;
    if (company !== undefined && company !== null) {
      const cleaned = typeof company === 'string' ? cleanCustomerText(company) : { reason: 'not_text' };
      if ('reason' in cleaned) {
        problem(
          'company',
          cleaned.reason,
          cleaned.reason === 'too_long'
            ? `The company is longer than ${MAX_NAME_LENGTH} characters.`
            : 'The company must be text.',
        );
      } else if (cleaned.text !== '') {
        cleanCompany = cleaned.text;
      }
    }

    if (problems.length === before && cleanName !== undefined && 'text' in cleanName) {
      stored.push({
        id,
        name: cleanName.text,
        nameKey: foldForSearch(cleanName.text),
        phoneNumber,
        company: cleanCompany,
        companyKey: cleanCompany === null ? null : foldForSearch(cleanCompany),
      });
    }
  });

  if (problems.length > 0) {
    throw new CustomerDirectoryError(
      'invalid_customers',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the customers; nothing was imported.`,
      { problems },
    );
  }
  return stored;
}

/** Ids for `deleteCustomers`: each a customer id, or `invalid_customers`. */
export function checkCustomerIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids) || !ids.every(isCustomerId)) {
    throw new CustomerDirectoryError('invalid_customers', 'Every id must be a customer id.', {
      reason: 'invalid_id',
    });
  }
  return [...new Set(ids)];
}

/** The customer a repository hands out: `company` only when there is one. */
export function toCustomer(row: {
  id: string;
  name: string;
  phone_number: string;
  company: string | null;
}): Customer {
  return row.company === null
    ? { id: row.id, name: row.name, phoneNumber: row.phone_number }
    : { id: row.id, name: row.name, phoneNumber: row.phone_number, company: row.company };
}

/**
 * A stable id for a customer that has none of its own (a CSV without an `id` column): the same phone number
 * always gives the same id, so importing the same file again updates the customers instead of adding them.
 * A one-way hash, so that the id does not spell out the number.
 *
 * @example
 * deriveCustomerId('+14255550123'); // 'tel-…' (24 hex digits), the same on every run
 */
export function deriveCustomerId(phoneNumber: string): string {
  const digest = createHash('sha256').update(
    `teams-endpoint/customer-directory\n${resolveE164(phoneNumber)}`,
  );
  return `tel-${digest.digest('hex').slice(0, 24)}`;
}

/** A row whose phone number a customer outside the import has. */
export function takenProblem(row: number): CustomerImportProblem {
  return {
    row,
    field: 'phoneNumber',
    reason: 'taken',
    message: "The phone number belongs to another of the tenant's customers, who is not in this import.",
  };
}

/** `invalid_customers` for rows whose numbers are taken. */
export function takenError(problems: readonly CustomerImportProblem[]): CustomerDirectoryError {
  return new CustomerDirectoryError(
    'invalid_customers',
    `${problems.length} phone number${problems.length === 1 ? '' : 's'} of the import belong${problems.length === 1 ? 's' : ''} to other customers; nothing was imported.`,
    { reason: 'taken', problems },
  );
}
