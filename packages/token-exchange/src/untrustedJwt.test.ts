import fc from 'fast-check';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { hasRepeatedMember, readUntrustedJwt } from './untrustedJwt';

const segment = (text: string) => base64url.encode(text);
const jwt = (header: string, payload: string) => `${segment(header)}.${segment(payload)}.c2ln`;

describe('hasRepeatedMember', () => {
  it.each([
    ['{"oid":"a","oid":"b"}', true],
    ['{"oid":"a","o\\u0069d":"b"}', true],
    ['{"a":1,"b":{"a":2},"c":[{"a":3}]}', false],
    ['{"a":"\\"b\\":1","b":2}', false],
    ['{"a\\\\":1,"a":2}', false],
    ['{"a":{"x":1,"x":2}}', false],
    ['{ "tid" : "x" , "tid" : "y" }', true],
    ['{"__proto__":1,"__proto__":2}', true],
    ['{}', false],
  ])('%s → %s', (json, repeated) => {
    expect(hasRepeatedMember(json)).toBe(repeated);
  });

  it('finds no repeat in any JSON object a serializer writes, and finds the one spliced in', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { minKeys: 1, maxKeys: 12 }),
        fc.nat(),
        fc.boolean(),
        (object, pick, escaped) => {
          const text = JSON.stringify(object);
          expect(hasRepeatedMember(text)).toBe(false);
          const names = Object.keys(object);
          const name = names[pick % names.length]!;
          // Any name, written again with every character escaped, is still the same name.
          const written = escaped
            ? `"${name
                .split('')
                .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
                .join('')}"`
            : JSON.stringify(name);
          const spliced = `${text.slice(0, -1)},${written}:null}`;
          expect(hasRepeatedMember(spliced)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readUntrustedJwt', () => {
  it('decodes a header and a payload', () => {
    expect(readUntrustedJwt(jwt('{"alg":"RS256"}', '{"oid":"x"}'))).toEqual({
      header: { alg: 'RS256' },
      payload: { oid: 'x' },
    });
  });

  it.each([
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['a payload that is not JSON', `${segment('{"alg":"RS256"}')}.${segment('nope')}.x`],
    ['a payload that is an array', jwt('{"alg":"RS256"}', '[1]')],
    ['a payload that is null', jwt('{"alg":"RS256"}', 'null')],
    [
      'a payload that is not UTF-8',
      `${segment('{"alg":"RS256"}')}.${base64url.encode(new Uint8Array([0x7b, 0xff, 0x7d]))}.x`,
    ],
    ['an empty string', ''],
  ])('refuses %s as malformed', (_, token) => {
    expect(readUntrustedJwt(token)).toBe('malformed');
  });

  it('refuses a repeated member in the header or the payload', () => {
    expect(readUntrustedJwt(jwt('{"alg":"RS256","alg":"none"}', '{}'))).toBe('repeated_member');
    expect(readUntrustedJwt(jwt('{"alg":"RS256"}', '{"tid":"a","tid":"b"}'))).toBe('repeated_member');
  });
});
