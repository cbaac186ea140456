import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGtin } from './gtin.js';

describe('GTIN check digit', () => {
  it('accepts real codes of every length', () => {
    expect(isValidGtin('4006381333931')).toBe(true); // EAN-13
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A
    expect(isValidGtin('96385074')).toBe(true); // GTIN-8
    expect(isValidGtin('10012345678902')).toBe(true); // GTIN-14
  });

  it('refuses a wrong check digit, letters and other lengths', () => {
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('40063813339A1')).toBe(false);
    expect(isValidGtin('12345')).toBe(false);
    expect(isValidGtin('')).toBe(false);
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (body, position, shift) => {
          const valid = body + String(gtinCheckDigit(body));
          const digits = [...valid];
          digits[position] = String((Number(digits[position]) + shift) % 10);
          expect(isValidGtin(valid)).toBe(true);
          expect(isValidGtin(digits.join(''))).toBe(false);
        },
      ),
    );
  });
});
