/** A stored timestamp (a `Date` from PostgreSQL, ISO text from SQLite) as an ISO-8601 string. */
export function toIsoString(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
