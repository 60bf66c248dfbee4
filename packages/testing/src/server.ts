// Server-side test kit (Node): a simulated Entra that signs tokens and serves each tenant's keys, a simulated
// ACS identity endpoint, and real Redis and PostgreSQL servers for tests that need them.
export * from './server/fakeAcs';
export * from './server/fakeEntra';
export * from './server/testServers';
