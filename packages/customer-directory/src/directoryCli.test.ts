import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FABRIKAM_TENANT_ID } from '@teams-endpoint/testing/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runDirectoryCli } from './directoryCli';
import { createRepositoryHarnesses, type RepositoryHarness } from './repositoryHarness.test-support';

const harnesses = await createRepositoryHarnesses();
const dir = mkdtempSync(join(tmpdir(), 'customer-directory-cli-'));
afterAll(async () => {
  await Promise.all(harnesses.map((harness) => harness.dispose()));
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runDirectoryCli(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
  });
  return { code, stdout, stderr };
}

const GOOD_CSV = 'name,phoneNumber,company\nMegan Bowen,+1 425 555 0101,Contoso\nAdele Vance,+14255550102,\n';

describe.each(harnesses)('teams-endpoint-directory import --$name', (harness: RepositoryHarness) => {
  describe.skipIf(harness.skip !== undefined)('import', () => {
    const target = () =>
      harness.name === 'SQLite' ? ['--sqlite', harness.location] : ['--postgres', harness.location];
    beforeEach(() => harness.empty());

    it('imports a file and prints a one-line summary', async () => {
      const { code, stdout, stderr } = await run(
        'import',
        '--tenant',
        FABRIKAM_TENANT_ID,
        ...target(),
        file('good.csv', GOOD_CSV),
      );

      expect({ code, stderr }).toEqual({ code: 0, stderr: [] });
      expect(stdout).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Imported 2 customers into tenant ${FABRIKAM_TENANT_ID} \\(2 new, 0 updated\\) in \\d+\\.\\d\\d s\\.$`,
          ),
        ),
      ]);
      expect(stdout.join('')).not.toContain(harness.location);
      const rows = await harness.sql<{ name: string }>('SELECT name FROM directory_customers ORDER BY name');
      expect(rows.map((row) => row.name)).toEqual(['Adele Vance', 'Megan Bowen']);
    });

    it('imports nothing from a file with a bad row, and lists the rows on stderr', async () => {
      const csv = `${GOOD_CSV}Bad,not a number,\n,+14255550104,\n`;

      const { code, stdout, stderr } = await run(
        'import',
        `--tenant=${FABRIKAM_TENANT_ID}`,
        ...target(),
        '--default-country-code',
        '1',
        file('bad.csv', csv),
      );

      expect(code).toBe(1);
      expect(stdout).toEqual([]);
      expect(stderr).toEqual([
        'Nothing was imported: 2 problems on rows 4, 5.',
        '  row 4, phoneNumber: The phone number contains letters.',
        '  row 5, name: The name is empty.',
      ]);
      expect(await harness.sql('SELECT id FROM directory_customers')).toEqual([]);
    });
  });
});

describe('teams-endpoint-directory usage', () => {
  const sqlite = join(dir, 'usage.db');

  it.each([
    ['no command', []],
    ['an unknown command', ['export', 'x.csv']],
    ['no tenant', ['import', '--sqlite', sqlite, 'x.csv']],
    ['a tenant that is not a GUID', ['import', '--tenant', 'fabrikam', '--sqlite', sqlite, 'x.csv']],
    [
      'both databases',
      ['import', '--tenant', FABRIKAM_TENANT_ID, '--sqlite', sqlite, '--postgres', 'postgres://x', 'x.csv'],
    ],
    ['no database', ['import', '--tenant', FABRIKAM_TENANT_ID, 'x.csv']],
    ['no file', ['import', '--tenant', FABRIKAM_TENANT_ID, '--sqlite', sqlite]],
    ['two files', ['import', '--tenant', FABRIKAM_TENANT_ID, '--sqlite', sqlite, 'a.csv', 'b.csv']],
    ['an unknown option', ['import', '--tenant', FABRIKAM_TENANT_ID, '--sqlite', sqlite, '--force', 'x.csv']],
    [
      'a bad country code',
      ['import', '--tenant', FABRIKAM_TENANT_ID, '--sqlite', sqlite, '--default-country-code', '+1', 'x.csv'],
    ],
  ])('exits 2 with the usage for %s', async (_, argv) => {
    const { code, stdout, stderr } = await run(...argv);

    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join('\n')).toContain('Usage:');
  });

  it('prints the usage for --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout.join('\n')).toContain('teams-endpoint-directory import');
  });

  it('exits 1 for a file it cannot read, or that is not UTF-8', async () => {
    const missing = await run(
      'import',
      '--tenant',
      FABRIKAM_TENANT_ID,
      '--sqlite',
      sqlite,
      join(dir, 'missing.csv'),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toEqual([expect.stringContaining('it cannot be read')]);

    const latin1 = file(
      'latin1.csv',
      Uint8Array.from([...Buffer.from('name,phoneNumber\nZo'), 0xeb, ...Buffer.from(',+14255550101\n')]),
    );
    const binary = await run('import', '--tenant', FABRIKAM_TENANT_ID, '--sqlite', sqlite, latin1);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toEqual([expect.stringContaining('not UTF-8')]);
  });

  it('exits 1 when PostgreSQL cannot be reached, without printing the URL or its password', async () => {
    const url = 'postgres://admin:hunter2@127.0.0.1:1/customers';

    const { code, stderr } = await run(
      'import',
      '--tenant',
      FABRIKAM_TENANT_ID,
      '--postgres',
      url,
      file('good.csv', GOOD_CSV),
    );

    expect(code).toBe(1);
    expect(stderr).toEqual([
      expect.stringMatching(/^The customer directory could not connect to PostgreSQL\. \(ECONNREFUSED\)$/),
    ]);
    expect(stderr.join('')).not.toContain('hunter2');
  });
});
