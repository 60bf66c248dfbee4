import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csvReader';
import { CustomerDirectoryError } from './directoryError';

const LIMITS = { maxRows: 1_000, maxFields: 10 };
const read = (text: string) => readCsv(text, LIMITS);

function refusal(text: string, limits = LIMITS): CustomerDirectoryError {
  try {
    readCsv(text, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(CustomerDirectoryError);
    expect((error as CustomerDirectoryError).code).toBe('invalid_csv');
    return error as CustomerDirectoryError;
  }
  throw new Error('expected the CSV to be refused');
}

describe('readCsv', () => {
  it('reads records separated by LF or CRLF, with empty fields and a trailing comma', () => {
    expect(read('a,b,c\r\n1,,3\n4,5,\n')).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['1', '', '3'] },
      { row: 3, fields: ['4', '5', ''] },
    ]);
  });

  it('reads quoted fields with commas, quotes and line breaks, a multi-line record being one row', () => {
    expect(read('name,company\n"Bowen, Megan","The ""Best"" Co"\n"two\r\nlines",x\nlast,y')).toEqual([
      { row: 1, fields: ['name', 'company'] },
      { row: 2, fields: ['Bowen, Megan', 'The "Best" Co'] },
      { row: 3, fields: ['two\r\nlines', 'x'] },
      { row: 4, fields: ['last', 'y'] },
    ]);
  });

  it('drops a byte-order mark, and skips blank rows while counting them', () => {
    expect(read('\uFEFFa,b\n\n1,2\r\n\r\n3,4\n\n')).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 3, fields: ['1', '2'] },
      { row: 5, fields: ['3', '4'] },
    ]);
    expect(read('')).toEqual([]);
    expect(read('""\n')).toEqual([{ row: 1, fields: [''] }]);
  });

  it('keeps spaces, tabs and markup as they are: cleaning is the importer’s job', () => {
    expect(read(' a ,\t<b>x</b>\t')).toEqual([{ row: 1, fields: [' a ', '\t<b>x</b>\t'] }]);
  });

  it.each([
    ['an unterminated quote', 'a,b\n1,"open\n2,3', 2, 'unterminated_quote'],
    ['a quote inside an unquoted field', 'a,b\n1,x"y\n', 2, 'bare_quote'],
    ['text after a closing quote', 'a,b\n\n"x"y,1\n', 3, 'text_after_quote'],
    ['too many fields', `a\n${'x,'.repeat(10)}x\n`, 2, 'too_many_fields'],
  ])('refuses %s, naming its row', (_, text, row, reason) => {
    const error = refusal(text);
    expect(error.reason).toBe(reason);
    expect(error.problems).toEqual([expect.objectContaining({ row, reason })]);
  });

  it('refuses more rows than maxRows after the header', () => {
    expect(readCsv('h\n1\n2\n', { maxRows: 2, maxFields: 1 })).toHaveLength(3);
    expect(refusal('h\n1\n2\n3\n', { maxRows: 2, maxFields: 1 }).reason).toBe('too_many_rows');
  });

  it('reads back what an RFC 4180 writer wrote, whatever the fields hold', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', '\r\n', 'é', '😀', '\u0000'),
    });
    const quote = (text: string) =>
      /[",\r\n]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (records, lineBreak, finalBreak) => {
          const text =
            records.map((fields) => fields.map(quote).join(',')).join(lineBreak) +
            (finalBreak ? lineBreak : '');
          expect(read(text)).toEqual(records.map((fields, index) => ({ row: index + 1, fields })));
        },
      ),
      { numRuns: 300 },
    );
  });
});
