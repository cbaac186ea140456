/*
 * Error messages quote what the caller sent, so that they can find it, but a quote must stay short (a
 * 100 MB CSV header line was once echoed back whole) and must not carry control characters into a
 * terminal (an escape sequence in a CSV cell would otherwise reach the screen of whoever runs the import).
 */

const INVISIBLE = /[\p{Cc}\p{Cs}\u2028\u2029]/gu;

/**
 * `text` cut to `max` characters with `…` and a count of the rest, control characters shown as `\u{…}` escapes.
 *
 * @example
 * excerpt('x'.repeat(1000), 5); // 'xxxxx… (995 more characters)'
 * excerpt('a\u0000b');          // 'a\u{0}b'
 */
export function excerpt(text: string, max = 60): string {
  // Cut by UTF-16 units without splitting a pair: a huge text is never copied whole.
  let end = Math.min(text.length, max);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  const shown = text.slice(0, end).replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  const rest = text.length - end;
  return rest > 0 ? `${shown}… (${rest.toLocaleString('en')} more characters)` : shown;
}
