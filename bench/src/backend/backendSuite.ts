import { customerDirectoryTable, tokenExchangeTable } from '../reportTables';
import { collectGarbage } from '../stats';
import { formatTable } from '../table';
import { type CustomerDirectoryResult, measureCustomerDirectory } from './customerDirectoryLookups';
import { measureTokenExchange, type TokenExchangeResult } from './tokenExchangeLoad';

export interface BackendResults {
  readonly tokenExchange: TokenExchangeResult;
  readonly customerDirectory: CustomerDirectoryResult;
}

/**
 * The server packages' sections (tables 7 and 8), after the client ones: each runs real servers (HTTPS on
 * loopback, a child process, SQLite and PostgreSQL), none of which the other sections must share the machine
 * with. The same in `bench` and `bench:check`: every figure of theirs feeds a budget.
 */
export async function runBackendSuite(print: (text: string) => void = console.log): Promise<BackendResults> {
  collectGarbage();
  const tokenExchange = await measureTokenExchange();
  print(formatTable(tokenExchangeTable(tokenExchange)));
  collectGarbage();
  const customerDirectory = await measureCustomerDirectory();
  print(formatTable(customerDirectoryTable(customerDirectory)));
  return { tokenExchange, customerDirectory };
}
