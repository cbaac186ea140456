import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  excerpt,
  identifier,
  instant,
  MAX_MONEY,
  MAX_UNITS,
  money,
  multiLine,
  readableId,
  singleLine,
  units,
  weightKg,
} from './index.js';

/** Every character no text field takes: C0, DEL, C1, the line separators, lone surrogates and U+FFFD. */
const refused = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.constantFrom(0x2028, 0x2029, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd),
);
/** Text a person might write: any script, emoji, inner spaces, but no refused character. */
const written = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((s) => !/[\p{Cc}\p{Cs}\u2028\u2029\uFFFD]/u.test(s) && s.trim() !== '');
/** `text` with the character `code` put between two of its characters (never inside a surrogate pair). */
const withInside = (text: string, code: number, at: number) => {
  const characters = Array.from(text);
  characters.splice(at % (characters.length + 1), 0, String.fromCharCode(code));
  return characters.join('');
};

describe('text rules', () => {
  it('refuses a refused character anywhere in an identifier, one line or several', () => {
    fc.assert(
      fc.property(written, refused, fc.nat(), (text, code, at) => {
        const bad = withInside(text, code, at);
        expect(singleLine(500).safeParse(bad).success).toBe(false);
        expect(identifier(500).safeParse(bad).success).toBe(false);
        const keptInNotes = code === 0x09 || code === 0x0a;
        expect(multiLine(500).safeParse(bad).success).toBe(keptInNotes);
      }),
    );
  });

  it('accepts what people write, trimmed, and keeps line breaks and tabs in notes only', () => {
    fc.assert(
      fc.property(written, (text) => {
        expect(singleLine(500).parse(` ${text} `)).toBe(text.trim());
        expect(multiLine(500).parse(`${text}\n\t${text}`)).toBe(`${text}\n\t${text}`.trim());
      }),
    );
    expect(singleLine(10).safeParse('Tea\n').success).toBe(false);
    expect(singleLine(10, 'give a reason').safeParse('   ').error?.issues[0]?.message).toBe('give a reason');
  });

  it('takes identifiers with inner spaces but none at either end and no invisible characters', () => {
    expect(identifier().safeParse('transit:T-1').success).toBe(true);
    expect(identifier().safeParse('Store 7').success).toBe(true);
    for (const bad of ['', ' a', 'a ', 'a\u00a0', 'a\u200bb', 'a\u202eb', 'a\ufeff', 'x'.repeat(101)])
      expect(identifier().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(readableId().safeParse('PO-2026.0042_a').success).toBe(true);
    expect(readableId().safeParse('-x').success).toBe(false);
    expect(readableId().safeParse('x'.repeat(65)).success).toBe(false);
  });
});

describe('number rules', () => {
  it('bounds every kind of number and refuses what JSON cannot say', () => {
    for (const [schema, max] of [
      [units(), MAX_UNITS],
      [money(), MAX_MONEY],
      [weightKg(), 100_000],
    ] as const) {
      expect(schema.safeParse(max).success).toBe(true);
      for (const bad of [max * 1.5, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, -1])
        expect(schema.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(units().safeParse(2 ** 53 + 1).success).toBe(false);
    expect(units({ min: 1 }).safeParse(-0).success).toBe(false);
    expect(units({ min: 1 }).safeParse(0.5).error?.issues[0]?.message).toBe('must be a whole number of units');
  });
});

describe('time rules', () => {
  it('keeps instants and days between 1970 and 9999 in UTC', () => {
    expect(instant().safeParse('2026-11-26T09:30:00+01:00').success).toBe(true);
    expect(instant().safeParse('9999-12-31T23:59:59.999Z').success).toBe(true);
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59-00:01',
      '2026-11-26T09:30:00',
    ])
      expect(instant().safeParse(bad).success, bad).toBe(false);
    expect(calendarDate().safeParse('1970-01-01').success).toBe(true);
    expect(calendarDate().safeParse('0001-01-01').success).toBe(false);
  });
});

describe('excerpt', () => {
  it('is short, never splits a character and shows no control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 80 }), (text, max) => {
        const shown = excerpt(text, max);
        expect(shown).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        expect(shown.split('…')[0]!.replace(/\\u\{[0-9a-f]+\}/g, '.').length).toBeLessThanOrEqual(max);
        expect(shown).not.toMatch(/\p{Cs}/u);
      }),
    );
    expect(excerpt('x'.repeat(1000), 5)).toBe('xxxxx… (995 more characters)');
    expect(excerpt('a\u0000b\u001b')).toBe('a\\u{0}b\\u{1b}');
  });
});
