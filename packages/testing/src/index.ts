export * from './fabrikam';
export * from './fabrikamWorld';
export * from './fakeCalling';
export * from './fakeIdentity';
export * from './graphHandlers';
export * from './inMemoryContacts';
export * from './portControls';
export * from './waitForSnapshot';
