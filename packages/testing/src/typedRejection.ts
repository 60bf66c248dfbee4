import { isTeamsEndpointError, type TeamsEndpointError } from '@teams-endpoint/core';

/**
 * Awaits a promise that must reject with a `TeamsEndpointError`, and returns that error. Throws (failing the
 * test, whatever the test runner) when the promise resolves or rejects with anything else.
 *
 * @example
 * const error = await typedRejection(endpoint.signIn());
 * expect(error.code).toBe('tenant_not_allowed');
 */
export async function typedRejection(promise: Promise<unknown>): Promise<TeamsEndpointError> {
  const error = await promise.then(
    () => {
      throw new Error('Expected a rejection with a TeamsEndpointError, but the promise resolved.');
    },
    (reason: unknown) => reason,
  );
  if (!isTeamsEndpointError(error)) throw error;
  return error;
}
