const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Resolves the URL of an endpoint that will be sent a bearer token (the token exchange, the customer
 * directory), relative to the page when there is one, or says why it must not be: the token would travel in
 * clear text (`http` is allowed on loopback only), or with credentials in the URL. With `bare`, a query or a
 * fragment is refused too (for a base URL that paths are appended to).
 */
export function resolveBearerEndpointUrl(
  url: string,
  { bare = false }: { readonly bare?: boolean } = {},
): { readonly url: URL } | { readonly refused: string } {
  let resolved: URL;
  try {
    resolved = new URL(url, globalThis.location?.href);
  } catch {
    return { refused: 'it is not a URL' };
  }
  if (resolved.username !== '' || resolved.password !== '') return { refused: 'it contains credentials' };
  if (bare && (resolved.search !== '' || resolved.hash !== ''))
    return { refused: 'it has a query or a fragment' };
  if (
    resolved.protocol === 'https:' ||
    (resolved.protocol === 'http:' && LOCAL_HOSTS.has(resolved.hostname))
  ) {
    return { url: resolved };
  }
  return { refused: `the ${resolved.protocol} scheme would expose the token` };
}
