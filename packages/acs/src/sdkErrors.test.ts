import { TeamsEndpointError } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import {
  readSdkErrorCodes,
  toConnectError,
  toFeatureError,
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

describe('toFeatureError', () => {
  it.each([
    [400, 41804, 'not_found', 'not_in_lobby'],
    [400, 41803, 'not_found', 'not_in_lobby'],
    [403, 41805, 'forbidden', 'role'],
    [403, 45903, 'forbidden', 'role'],
    [403, 45203, 'forbidden', 'policy'],
    [403, 45204, 'forbidden', 'policy'],
    [401, 45212, 'forbidden', 'license'],
    [400, 45202, 'invalid_argument', 'unsupported_language'],
    [400, 45213, 'invalid_argument', 'unsupported_language'],
    [400, 46052, 'invalid_argument', 'invalid_target'],
    [422, 44009, 'invalid_argument', 'invalid_identifier'],
    [400, 45758, 'invalid_call_state', 'not_for_this_call'],
    [400, 45906, 'invalid_call_state', 'not_for_this_call'],
    [400, 46051, 'invalid_call_state', 'not_for_this_call'],
    [400, 45206, 'invalid_call_state', 'captions_off'],
    [400, 45902, 'invalid_call_state', 'spotlight_limit'],
  ] as const)('%i/%i is %s (%s), with the SDK’s codes', (code, subCode, expected, reason) => {
    const error = toFeatureError(sdkError(code, subCode), 'do it');
    expect(error).toMatchObject({ code: expected, details: { code, subCode, reason } });
  });

  it('anything else is call_failed; typed errors pass through', () => {
    expect(toFeatureError(sdkError(500, 45205), 'start captions')).toMatchObject({
      code: 'call_failed',
      message: 'Could not start captions.',
      details: { code: 500, subCode: 45205 },
    });
    expect(toFeatureError(new Error('boom'), 'x').code).toBe('call_failed');
    const typed = new TeamsEndpointError('not_found', 'Gone.');
    expect(toFeatureError(typed, 'x')).toBe(typed);
  });
});
