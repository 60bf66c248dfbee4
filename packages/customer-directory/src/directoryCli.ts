import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isCountryCallingCode, resolveTenantId } from './customerRecord';
import type { CustomerRepository } from './customerRepository';
import { CustomerDirectoryError } from './directoryError';
import { DEFAULT_CSV_MAX_BYTES, importCustomersCsv } from './importCustomersCsv';
import { createPostgresCustomerRepository } from './postgresCustomerRepository';
import { createSqliteCustomerRepository } from './sqliteCustomerRepository';

const USAGE = `Usage:
  teams-endpoint-directory import --tenant <tenant id> (--sqlite <file> | --postgres <url>)
                                  [--default-country-code <code>] <customers.csv>

The CSV has a header row with the columns name and phoneNumber, and optionally company and id.
Every row is checked first; if any is bad, nothing is imported.`;

/** Where the CLI writes. */
export interface CliOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

const PROBLEMS_SHOWN = 50;

/**
 * `teams-endpoint-directory import …`: imports a CSV file into one tenant and prints a one-line summary.
 * Resolves with the exit code: 0 imported, 1 nothing imported (bad rows, or the database failed), 2 usage.
 * Never prints the PostgreSQL URL (it holds a password) nor a row's values.
 */
export async function runDirectoryCli(
  argv: readonly string[],
  output: CliOutput = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  let parsed: ReturnType<typeof parseImportArguments>;
  try {
    parsed = parseImportArguments(argv);
  } catch (error) {
    output.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    output.stdout(USAGE);
    return 0;
  }
  const { tenant, sqlite, postgres, defaultCountryCode, file } = parsed;

  let csvText: string;
  try {
    if ((await stat(file)).size > DEFAULT_CSV_MAX_BYTES) {
      output.stderr(`Nothing imported: ${file} is larger than ${DEFAULT_CSV_MAX_BYTES} bytes.`);
      return 1;
    }
    csvText = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (error) {
    const reason = error instanceof TypeError ? 'it is not UTF-8 text' : 'it cannot be read';
    output.stderr(`Nothing imported: ${file}: ${reason}.`);
    return 1;
  }

  let repository: CustomerRepository | undefined;
  try {
    repository =
      sqlite !== undefined
        ? await createSqliteCustomerRepository({ filename: sqlite })
        : await createPostgresCustomerRepository({ connectionString: postgres! });
    const started = performance.now();
    const result = await importCustomersCsv(
      repository,
      tenant,
      csvText,
      defaultCountryCode === undefined ? {} : { defaultCountryCallingCode: defaultCountryCode },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    output.stdout(
      `Imported ${result.imported} customer${result.imported === 1 ? '' : 's'} into tenant ${tenant.toLowerCase()} (${result.created} new, ${result.updated} updated) in ${seconds} s.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CustomerDirectoryError)) {
      output.stderr('Nothing imported: unexpected failure.');
      return 1;
    }
    output.stderr(`${error.message}${error.code === 'directory_unavailable' ? ` (${error.reason})` : ''}`);
    for (const problem of error.problems.slice(0, PROBLEMS_SHOWN)) {
      output.stderr(
        `  row ${problem.row}${problem.field === undefined ? '' : `, ${problem.field}`}: ${problem.message}`,
      );
    }
    if (error.problems.length > PROBLEMS_SHOWN) {
      output.stderr(`  … and ${error.problems.length - PROBLEMS_SHOWN} more.`);
    }
    return 1;
  } finally {
    await repository?.close();
  }
}

function parseImportArguments(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      tenant: { type: 'string' },
      sqlite: { type: 'string' },
      postgres: { type: 'string' },
      'default-country-code': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const [command, file, ...extra] = positionals;
  if (command !== 'import')
    throw new Error(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
  if (file === undefined) throw new Error('No CSV file given.');
  if (extra.length > 0) throw new Error('Only one CSV file at a time.');
  if (values.tenant === undefined)
    throw new Error('--tenant is required: the tenant id (a GUID) to import into.');
  try {
    resolveTenantId(values.tenant);
  } catch {
    throw new Error('--tenant must be a tenant id (a GUID).');
  }
  const defaultCountryCode = values['default-country-code'];
  if (defaultCountryCode !== undefined && !isCountryCallingCode(defaultCountryCode)) {
    throw new Error('--default-country-code must be 1 to 3 digits without "+", such as 1 or 44.');
  }
  if ((values.sqlite === undefined) === (values.postgres === undefined)) {
    throw new Error('Give exactly one of --sqlite <file> and --postgres <url>.');
  }
  return {
    tenant: values.tenant,
    sqlite: values.sqlite,
    postgres: values.postgres,
    defaultCountryCode,
    file,
  };
}
