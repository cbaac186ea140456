/** Lengths of the GTIN family: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14. */
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * Whether `code` is a GTIN whose last digit is the correct GS1 mod-10 check digit.
 *
 * @example
 * isValidGtin('4006381333931'); // true
 * isValidGtin('4006381333932'); // false: the check digit should be 1
 */
export function isValidGtin(code: string): boolean {
  if (!/^\d+$/.test(code) || !GTIN_LENGTHS.has(code.length)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * The GS1 check digit for the digits before it: from the right, weights alternate 3, 1, 3, …
 *
 * @example
 * gtinCheckDigit('400638133393'); // 1
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}
