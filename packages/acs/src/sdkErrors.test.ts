import { TeamsEndpointError } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import {
  readSdkErrorCodes,
  toConnectError,
  toOperationError,
  toRenderError,
  toScreenShareError,
} from './sdkErrors';
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

describe('toRenderError', () => {
  it.each([
    [412, 43200],
    [404, 43202],
    [405, 43208],
  ])('an unavailable stream (%i/%i) is not_found / stream_unavailable', (code, subCode) => {
    expect(toRenderError(sdkError(code, subCode), 'stream')).toMatchObject({
      code: 'not_found',
      details: { code, subCode, reason: 'stream_unavailable' },
    });
  });

  it('a refused camera is camera_denied for the local camera only', () => {
    expect(toRenderError(sdkError(403, 43001), 'camera')).toMatchObject({
      code: 'camera_denied',
      details: { reason: 'refused' },
    });
    expect(toRenderError(sdkError(412, 60515), 'camera').details).toMatchObject({
      reason: 'refused_by_system',
    });
    expect(toRenderError(sdkError(403, 43001), 'stream').code).toBe('unknown');
    expect(toRenderError(sdkError(500, 43221), 'camera')).toMatchObject({
      code: 'unknown',
      message: 'Could not show the video.',
    });
  });
});

describe('toScreenShareError', () => {
  it('a cancelled or refused picker is screen_share_denied; anything else call_failed', () => {
    expect(toScreenShareError(sdkError(403, 43001))).toMatchObject({
      code: 'screen_share_denied',
      details: { code: 403, subCode: 43001, reason: 'refused' },
    });
    expect(toScreenShareError(sdkError(403, 60511)).code).toBe('screen_share_denied');
    expect(toScreenShareError(sdkError(412, 43016)).details).toMatchObject({ reason: 'refused_by_system' });
    expect(toScreenShareError(new DOMException('Permission denied', 'NotAllowedError')).code).toBe(
      'screen_share_denied',
    );
    expect(toScreenShareError(sdkError(412, 41071))).toMatchObject({
      code: 'call_failed',
      details: { code: 412, subCode: 41071 },
    });
  });
});
