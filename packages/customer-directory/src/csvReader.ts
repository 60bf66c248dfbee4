import { CustomerDirectoryError } from './directoryError';

/**
 * One record of a CSV file and its row as a spreadsheet numbers them: the header is row 1, a blank row counts,
 * and a record whose quoted field spans lines is one row.
 */
export interface CsvRecord {
  readonly row: number;
  readonly fields: readonly string[];
}

export interface CsvReadOptions {
  /** More records than this after the first (the header) are refused before they are all read. */
  maxRows: number;
  /** More fields than this in one record are refused. */
  maxFields: number;
}

/**
 * Reads RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold
 * commas, line breaks and `""` for a quote. Strict where a lenient reader would guess: a quote inside an
 * unquoted field, text after a closing quote and an unterminated quote are errors, with their row. A
 * leading byte-order mark is dropped; blank rows are skipped but counted, so that rows keep the numbers a
 * spreadsheet shows.
 *
 * @throws {CustomerDirectoryError} `invalid_csv`, with the row of the problem.
 */
export function readCsv(text: string, { maxRows, maxFields }: CsvReadOptions): CsvRecord[] {
  const records: CsvRecord[] = [];
  let index = text.startsWith('\uFEFF') ? 1 : 0;
  let row = 1;

  while (index < text.length) {
    const fields: string[] = [];
    let field = '';
    let quotedRecord = false;
    // One pass per field; the record ends at a line break outside quotes, or at the end of the text.
    for (;;) {
      if (text[index] === '"') {
        quotedRecord = true;
        index += 1;
        for (;;) {
          const quote = text.indexOf('"', index);
          if (quote === -1) throw csvError(row, 'unterminated_quote', 'A quoted field is never closed.');
          field += text.slice(index, quote);
          index = quote + 1;
          if (text[index] !== '"') break;
          field += '"';
          index += 1;
        }
        const next = text[index];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw csvError(
            row,
            'text_after_quote',
            'A closing quote is followed by text; write "" for a quote.',
          );
        }
      } else {
        const end = nextDelimiter(text, index);
        field = text.slice(index, end);
        if (field.includes('"')) {
          throw csvError(
            row,
            'bare_quote',
            'A field that is not quoted contains a quote; quote the whole field.',
          );
        }
        index = end;
      }
      fields.push(field);
      field = '';
      if (fields.length > maxFields) {
        throw csvError(row, 'too_many_fields', `A row has more than ${maxFields} fields.`);
      }
      if (text[index] === ',') {
        index += 1;
        continue;
      }
      break;
    }
    // At a line break or at the end.
    if (text[index] === '\r' && text[index + 1] === '\n') index += 2;
    else if (text[index] === '\n' || text[index] === '\r') index += 1;

    const blank = fields.length === 1 && fields[0] === '' && !quotedRecord;
    if (!blank) {
      if (records.length > maxRows) {
        throw csvError(row, 'too_many_rows', `The file has more than ${maxRows} rows.`);
      }
      records.push({ row, fields });
    }
    row += 1;
  }
  return records;
}

/** The index of the next `,`, CR or LF from `from`, or the end of the text. */
function nextDelimiter(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 44 || char === 10 || char === 13) return index;
  }
  return text.length;
}

function csvError(row: number, reason: string, message: string): CustomerDirectoryError {
  return new CustomerDirectoryError('invalid_csv', `Row ${row}: ${message} Nothing was imported.`, {
    reason,
    problems: [{ row, reason, message }],
  });
}
