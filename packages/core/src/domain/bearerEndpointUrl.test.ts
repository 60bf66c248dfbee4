import { describe, expect, it } from 'vitest';
import { resolveBearerEndpointUrl } from './bearerEndpointUrl';

describe('resolveBearerEndpointUrl', () => {
  it.each([
    ['https://tokens.contoso.com/api/acs-token', {}],
    ['http://localhost:8787/api', {}],
    ['http://127.0.0.1:8787/api', {}],
    ['http://[::1]:8787/api', {}],
    ['https://tokens.contoso.com/api?x=1', {}],
  ])('accepts %s', (url, options) => {
    expect(resolveBearerEndpointUrl(url, options)).toEqual({ url: new URL(url) });
  });

  it.each([
    ['not a url', {}, 'it is not a URL'],
    ['http://tokens.contoso.com/api', {}, 'the http: scheme would expose the token'],
    ['http://localhost.evil.example/api', {}, 'the http: scheme would expose the token'],
    ['javascript:alert(1)', {}, 'the javascript: scheme would expose the token'],
    ['https://user:pass@tokens.contoso.com/api', {}, 'it contains credentials'],
    ['https://tokens.contoso.com/api?x=1', { bare: true }, 'it has a query or a fragment'],
    ['https://tokens.contoso.com/api#x', { bare: true }, 'it has a query or a fragment'],
  ])('refuses %s', (url, options, refused) => {
    expect(resolveBearerEndpointUrl(url, options)).toEqual({ refused });
  });
});
