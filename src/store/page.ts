/** One page of a list, and the cursor (`after`) that asks for the next; null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Cuts rows fetched with `limit + 1` into a page: the extra row only says that another page exists.
 *
 * @example
 * const rows = await query.limit(limit + 1).execute();
 * return toPage(rows.map(toMovement), limit, (m) => m.id);
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
