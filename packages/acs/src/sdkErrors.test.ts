import { TeamsEndpointError } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { readSdkErrorCodes, toConnectError, toOperationError } from './sdkErrors';
import { sdkError } from './stubSdk.test-support';

describe('readSdkErrorCodes', () => {
  it('reads code and subCode of a CommunicationServicesError, and nothing from anything else', () => {
    expect(readSdkErrorCodes(sdkError(403, 40231))).toEqual({ code: 403, subCode: 40231 });
    expect(readSdkErrorCodes({ code: 500 })).toEqual({ code: 500 });
    expect(readSdkErrorCodes({ code: 'ECONNRESET' })).toBeUndefined();
    expect(readSdkErrorCodes('403')).toBeUndefined();
    expect(readSdkErrorCodes(null)).toBeUndefined();
  });
});

describe('toConnectError', () => {
  it('keeps typed errors and types an abort', () => {
    const typed = new TeamsEndpointError('timeout', 'Too long.');
    expect(toConnectError(typed)).toBe(typed);
    expect(toConnectError(new DOMException('stop', 'AbortError')).code).toBe('aborted');
  });

  it('writes its own message and keeps the SDK’s text only in the cause', () => {
    const cause = sdkError(401, 44110, 'Failed to get AccessToken eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig');
    const error = toConnectError(cause);
    expect(error.message).not.toContain('eyJ');
    expect(error.cause).toBe(cause);
  });
});

describe('toOperationError', () => {
  it('names the action and keeps the SDK codes', () => {
    const error = toOperationError(sdkError(400, 41006), 'mute');
    expect(error).toMatchObject({
      code: 'call_failed',
      message: 'Could not mute.',
      details: { code: 400, subCode: 41006 },
    });
    expect(toOperationError(new Error('x'), 'list cameras', 'unknown').code).toBe('unknown');
  });
});
