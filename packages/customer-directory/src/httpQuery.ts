import { RequestRejection } from './requestRejection';

/**
 * The query parameters of a request, decoded as a form would be (`+` is a space), each at most once and only
 * the names the endpoint knows: anything else is a client bug that should fail loudly, not be half-read.
 *
 * A value listed in `leadingPlus` keeps a literal `+` at its start: `?phoneNumber=+14255550123` from a client
 * that did not encode it means the number, not ` 14255550123`.
 */
export function readQuery(
  url: URL,
  allowed: readonly string[],
  leadingPlus: readonly string[] = [],
): Map<string, string> {
  const values = new Map<string, string>();
  const raw = url.search.slice(1);
  if (raw === '') return values;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeFormComponent(equals === -1 ? pair : pair.slice(0, equals));
    const encoded = equals === -1 ? '' : pair.slice(equals + 1);
    if (!allowed.includes(name)) {
      throw invalidQuery(
        'unknown_parameter',
        `Unknown query parameter; this endpoint takes ${allowed.join(', ')}.`,
      );
    }
    if (values.has(name)) {
      throw invalidQuery('repeated_parameter', `The query parameter ${name} is given more than once.`);
    }
    const value =
      leadingPlus.includes(name) && encoded.startsWith('+')
        ? `+${decodeFormComponent(encoded.slice(1))}`
        : decodeFormComponent(encoded);
    values.set(name, value);
  }
  return values;
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw invalidQuery('undecodable', 'The query string is not valid percent-encoded UTF-8.');
  }
}

function invalidQuery(reason: string, message: string): RequestRejection {
  return new RequestRejection(400, 'invalid_query', message, reason);
}
