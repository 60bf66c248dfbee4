import { afterEach, describe, expect, it, vi } from 'vitest';

// The real Calling SDK cannot load in Node (`MediaStream is not defined`): importing the package must not
// touch it, and only `connect` (or a `devices` method) may load it.

const token = async () => ({ token: 'teams-token', expiresOn: new Date(Date.now() + 3_600_000) });

afterEach(() => {
  vi.doUnmock('@azure/communication-calling');
  vi.resetModules();
});

describe('lazy loading', () => {
  it('imports in Node without loading the Calling SDK', async () => {
    const factory = vi.fn(() => {
      throw new Error('the Calling SDK was loaded');
    });
    vi.resetModules();
    vi.doMock('@azure/communication-calling', factory);
    const acs = await import('./index');
    const calling = acs.createAcsCalling();
    calling.onIncomingCall(() => undefined);
    expect(factory).not.toHaveBeenCalled();

    await expect(calling.connect({ getToken: token })).rejects.toMatchObject({
      code: 'unknown',
      details: { reason: 'sdk_load_failed', packageName: '@azure/communication-calling' },
    });
    expect(factory).toHaveBeenCalledTimes(1);
    // `resetModules` makes the whole package and the core load again: seconds on a busy machine.
  }, 30_000);

  it('turns the real SDK’s failure to load in Node into a typed error instead of a hang', async () => {
    const { createAcsCalling } = await import('./index');
    const calling = createAcsCalling();
    const error = await calling.connect({ getToken: token }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unknown', details: { reason: 'sdk_load_failed' } });
    expect(String((error as Error).cause)).toMatch(/is not defined/);
  }, 60_000);
});
