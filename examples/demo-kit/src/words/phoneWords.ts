// Phone numbers as people read them; the E.164 form stays available for a tooltip.

/** The country calling codes of one and two digits (ITU-T E.164 assignments); every other code has three. */
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 ' +
    '82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

function countryCodeLength(digits: string): number {
  if (ONE_DIGIT_CODES.has(digits.slice(0, 1))) return 1;
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

/** Splits a national number into groups of three, the last group taking four digits when that is left. */
function group(national: string): string[] {
  const groups: string[] = [];
  let rest = national;
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  if (rest) groups.push(rest);
  return groups;
}

/**
 * An E.164 number (`+14255550123`) as people read it: `+1 425 555 0123` (North America: 3-3-4), others as the
 * country code then groups of digits. Anything that is not E.164 comes back unchanged.
 */
export function formatPhoneNumber(e164: string): string {
  if (!/^\+[1-9]\d{1,14}$/.test(e164)) return e164;
  const digits = e164.slice(1);
  const codeLength = countryCodeLength(digits);
  const code = digits.slice(0, codeLength);
  const national = digits.slice(codeLength);
  const groups =
    code === '1' && national.length === 10
      ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)]
      : group(national);
  return groups.length > 0 ? `+${code} ${groups.join(' ')}` : `+${code}`;
}

/** A number's text and its tooltip: formatted for people, with the exact E.164 form in the title. */
export const phoneNumberText = (e164: string): { readonly text: string; readonly title: string } => ({
  text: formatPhoneNumber(e164),
  title: e164,
});
