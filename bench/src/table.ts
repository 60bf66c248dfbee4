/** A printed table: a title, a header row and the rows, as Markdown so that it pastes into an issue. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Lines printed under the table: how it was measured, what a number means. */
  readonly notes?: readonly string[];
}

const cell = (value: string | number): string =>
  typeof value === 'number' ? value.toLocaleString('en-US') : value;

/** Renders a table as aligned Markdown. */
export function formatTable(table: Table): string {
  const cells = [table.columns, ...table.rows].map((row) => row.map(cell));
  const widths = table.columns.map((_, column) =>
    Math.max(3, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    `| ${widths.map((width, column) => (row[column] ?? '').padEnd(width)).join(' | ')} |`;
  const [header, ...body] = cells;
  return [
    `### ${table.title}`,
    '',
    line(header!),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...body.map(line),
    ...(table.notes && table.notes.length > 0 ? ['', ...table.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

/** Milliseconds with three significant decimals, for burst timings. */
export const ms = (value: number): string => `${value.toFixed(3)} ms`;

/** Bytes in kB or MB (1,000 and 1,000,000 bytes), the units size-limit prints. */
export const kB = (bytes: number): string =>
  Math.abs(bytes) >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${(bytes / 1000).toFixed(2)} kB`;

/** Met or not, for a target column. */
export const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT MET');
