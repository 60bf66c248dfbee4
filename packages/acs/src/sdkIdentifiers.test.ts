import { describe, expect, it } from 'vitest';
import { teamsAcsToken } from './callFeatureWorld.test-support';
import { rawIdOfTokenUser } from './sdkIdentifiers';

describe('rawIdOfTokenUser', () => {
  it('reads `8:` and the skypeid claim, as the SDK names the local user', () => {
    expect(rawIdOfTokenUser(teamsAcsToken('orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc'))).toBe(
      '8:orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc',
    );
    expect(rawIdOfTokenUser(teamsAcsToken('gcch:0b0a3c3d-1111-4222-8333-444455556666'))).toBe(
      '8:gcch:0b0a3c3d-1111-4222-8333-444455556666',
    );
  });

  it.each(['teams-token', 'a.b.c', '', `x.${Buffer.from('{"sub":"1"}').toString('base64url')}.y`])(
    'knows nothing of %j',
    (token) => {
      expect(rawIdOfTokenUser(token)).toBeUndefined();
    },
  );
});
