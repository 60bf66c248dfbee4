// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFabrikamEndpoint } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { setUpFabrikamTests, strictEndpointWrapper } from './strictEndpoint.test-support';
import { useSession } from './useSession';
import { useTeamsEndpoint } from './useTeamsEndpoint';

setUpFabrikamTests();

describe('useTeamsEndpoint', () => {
  it('returns the provided endpoint', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    const { result } = renderHook(() => useTeamsEndpoint(), { wrapper: strictEndpointWrapper(endpoint) });
    expect(result.current).toBe(endpoint);
  });

  it('tells the developer what is missing outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // React 18's development build replays a failed render inside a DOM event, which jsdom reports too.
    const reported = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', reported);
    try {
      expect(() => renderHook(() => useSession())).toThrowError(
        /useTeamsEndpoint\(\) was called outside <TeamsEndpointProvider>/,
      );
    } finally {
      window.removeEventListener('error', reported);
    }
  });
});
