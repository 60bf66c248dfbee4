import {
  type Customer,
  normalizeRemoteText,
  parsePhoneNumber,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { readCsv } from './csvReader';
import {
  cleanCustomerText,
  deriveCustomerId,
  isCountryCallingCode,
  isCustomerId,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
} from './customerRecord';
import type { CustomerRepository, ImportCustomersResult } from './customerRepository';
import { CustomerDirectoryError, type CustomerImportProblem } from './directoryError';

export interface ImportCustomersCsvOptions {
  /** Lets rows hold national numbers (`0425 555 0123`) for this country, such as `'1'` or `'44'`. */
  defaultCountryCallingCode?: string;
  /** Larger text is refused unread, in UTF-8 bytes. Default 16 MiB (about 250,000 customers). */
  maxBytes?: number;
  /** More customer rows than this are refused. Default 250,000. */
  maxRows?: number;
}

export const DEFAULT_CSV_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_ROWS = 250_000;
const COLUMNS = ['id', 'name', 'phoneNumber', 'company'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'phoneNumber'];

/**
 * Imports a CSV file of customers into one tenant: a header row naming the columns `name`, `phoneNumber`
 * and, optionally, `company` and `id` (any order, any case), then one customer per row. Every row is checked
 * first (name present and at most 200 characters, phone number normalized to E.164, ids and numbers unique);
 * if any row is bad, nothing is imported. Otherwise all rows are imported in one transaction, upserted by id.
 * Text is data: trimmed, control characters removed, never interpreted.
 *
 * Without an `id` column (or with an empty cell), a customer's id is derived from its phone number
 * ({@link deriveCustomerId}), so that importing the same file again updates rather than duplicates.
 *
 * @throws {CustomerDirectoryError} `invalid_csv` with `problems` (rows numbered as a spreadsheet does, the
 * header being row 1), including numbers that belong to the tenant's other customers (`taken`);
 * `invalid_tenant_id`; `directory_unavailable`.
 *
 * @example
 * ```ts
 * const result = await importCustomersCsv(repository, tenantId, 'name,phoneNumber,company\nMegan,+14255550101,Contoso\n');
 * // { imported: 1, created: 1, updated: 0 }
 * ```
 */
export async function importCustomersCsv(
  repository: CustomerRepository,
  tenantId: string,
  csvText: string,
  options: ImportCustomersCsvOptions = {},
): Promise<ImportCustomersResult> {
  const { customers, rows } = parseCustomersCsv(csvText, options);
  try {
    return await repository.importCustomers(tenantId, customers);
  } catch (error) {
    // The repository numbers rows from 1 in the order given: back to the file's rows.
    if (error instanceof CustomerDirectoryError && error.code === 'invalid_customers') {
      const problems = error.problems.map((problem) => ({ ...problem, row: rows[problem.row - 1] ?? 0 }));
      throw invalidCsv(problems, error.reason);
    }
    throw error;
  }
}

/** The customers of a CSV text and the row of each, or `invalid_csv` with every problem. */
function parseCustomersCsv(
  csvText: string,
  {
    defaultCountryCallingCode,
    maxBytes = DEFAULT_CSV_MAX_BYTES,
    maxRows = DEFAULT_MAX_ROWS,
  }: ImportCustomersCsvOptions = {},
): { customers: Customer[]; rows: number[] } {
  if (defaultCountryCallingCode !== undefined && !isCountryCallingCode(defaultCountryCallingCode)) {
    throw new TypeError('defaultCountryCallingCode must be 1 to 3 digits, without "+", such as "1" or "44".');
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || !Number.isSafeInteger(maxRows) || maxRows < 1) {
    throw new TypeError('maxBytes and maxRows must be positive whole numbers.');
  }
  if (typeof csvText !== 'string') throw fileError('not_text', 'The CSV must be text.');
  // Each UTF-16 unit is at least one UTF-8 byte: text this long is too large without counting.
  if (csvText.length > maxBytes || Buffer.byteLength(csvText) > maxBytes) {
    throw fileError('too_large', `The file is larger than ${maxBytes} bytes.`);
  }
  const records = readCsv(csvText, { maxRows, maxFields: 64 });
  const [header, ...data] = records;
  if (header === undefined) throw fileError('empty', 'The file is empty: it needs a header row.');
  const columns = readHeader(header.fields);
  if (data.length === 0) throw fileError('no_rows', 'The file has a header but no customers.');

  const problems: CustomerImportProblem[] = [];
  const customers: Customer[] = [];
  const rows: number[] = [];
  const rowOfId = new Map<string, number>();
  const rowOfPhoneNumber = new Map<string, number>();

  for (const { row, fields } of data) {
    if (fields.length !== header.fields.length) {
      problems.push({
        row,
        reason: 'wrong_field_count',
        message: `The row has ${fields.length} fields; the header has ${header.fields.length}.`,
      });
      continue;
    }
    const cell = (column: Column) => {
      const position = columns.get(column);
      return position === undefined ? undefined : fields[position]!;
    };
    const problem = (field: Column, reason: string, message: string) =>
      problems.push({ row, field, reason, message });
    const before = problems.length;

    const name = cleanCustomerText(cell('name')!);
    if ('reason' in name)
      problem('name', 'too_long', `The name is longer than ${MAX_NAME_LENGTH} characters.`);
    else if (name.text === '') problem('name', 'missing', 'The name is empty.');

    let phoneNumber: string | undefined;
    const phoneText = normalizeRemoteText(cell('phoneNumber')!, 1_000);
    try {
      phoneNumber = parsePhoneNumber(
        phoneText,
        defaultCountryCallingCode === undefined ? {} : { defaultCountryCallingCode },
      );
    } catch (error) {
      const reason =
        error instanceof TeamsEndpointError ? String(error.details?.reason ?? 'invalid') : 'invalid';
      problem('phoneNumber', reason, phoneMessage(reason));
    }
    if (phoneNumber !== undefined) {
      const earlier = rowOfPhoneNumber.get(phoneNumber);
      if (earlier !== undefined)
        problem('phoneNumber', 'duplicate', `The phone number is also on row ${earlier}.`);
      else rowOfPhoneNumber.set(phoneNumber, row);
    }

    const companyCell = cell('company');
    const company = companyCell === undefined ? { text: '' } : cleanCustomerText(companyCell);
    if ('reason' in company)
      problem('company', 'too_long', `The company is longer than ${MAX_NAME_LENGTH} characters.`);

    const idCell = cell('id');
    const idText = idCell === undefined ? '' : normalizeRemoteText(idCell, 1_000);
    let id: string | undefined;
    if (idText !== '') {
      if (isCustomerId(idText)) id = idText;
      else {
        problem(
          'id',
          'invalid',
          `The id must be 1 to ${MAX_ID_LENGTH} letters, digits or ". _ : @ -", starting with a letter or a digit.`,
        );
      }
    } else if (phoneNumber !== undefined) {
      id = deriveCustomerId(phoneNumber);
    }
    if (id !== undefined) {
      const earlier = rowOfId.get(id);
      if (earlier !== undefined) {
        problem(
          'id',
          'duplicate',
          `The id is also on row ${earlier}${idText === '' ? ' (derived from the phone number)' : ''}.`,
        );
      } else {
        rowOfId.set(id, row);
      }
    }

    if (
      problems.length === before &&
      id !== undefined &&
      phoneNumber !== undefined &&
      'text' in name &&
      'text' in company
    ) {
      customers.push(
        company.text === ''
          ? { id, name: name.text, phoneNumber }
          : { id, name: name.text, phoneNumber, company: company.text },
      );
      rows.push(row);
    }
  }
  if (problems.length > 0) throw invalidCsv(problems, 'invalid_rows');
  return { customers, rows };
}

function readHeader(fields: readonly string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  fields.forEach((field, position) => {
    const name = field.trim().toLowerCase();
    const column = COLUMNS.find((known) => known.toLowerCase() === name);
    if (column === undefined) {
      throw fileError(
        'unknown_column',
        `The header has a column other than ${COLUMNS.join(', ')} (column ${position + 1}).`,
      );
    }
    if (columns.has(column)) throw fileError('duplicate_column', `The header names ${column} twice.`);
    columns.set(column, position);
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw fileError('missing_column', `The header must name the columns ${missing.join(' and ')}.`);
  }
  return columns;
}

const PHONE_MESSAGES: Readonly<Record<string, string>> = {
  empty: 'The phone number is empty.',
  letters: 'The phone number contains letters.',
  invalid_characters:
    'The phone number contains characters other than digits, "+", spaces, "-", ".", "(" and ")".',
  missing_plus: 'The phone number has no country code: start it with "+", or pass a default country code.',
  too_short: 'The phone number is too short for E.164.',
  too_long: 'The phone number is too long for E.164 (at most 15 digits).',
  invalid_country_code: 'The phone number has an invalid country code.',
};

function phoneMessage(reason: string): string {
  return PHONE_MESSAGES[reason] ?? 'The phone number cannot be read.';
}

function invalidCsv(problems: readonly CustomerImportProblem[], reason: string): CustomerDirectoryError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const rows = [...new Set(sorted.map((problem) => problem.row))];
  return new CustomerDirectoryError(
    'invalid_csv',
    `Nothing was imported: ${sorted.length} problem${sorted.length === 1 ? '' : 's'} on row${rows.length === 1 ? '' : 's'} ${summarizeRows(rows)}.`,
    { reason, problems: sorted },
  );
}

function summarizeRows(rows: readonly number[]): string {
  const shown = rows.slice(0, 10).join(', ');
  return rows.length > 10 ? `${shown} and ${rows.length - 10} more` : shown;
}

function fileError(reason: string, message: string): CustomerDirectoryError {
  return new CustomerDirectoryError('invalid_csv', `${message} Nothing was imported.`, { reason });
}
