/** A stored timestamp (a `Date` from PostgreSQL, ISO text from SQLite) as an ISO-8601 string. */
export function toIsoString(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** A stored timestamp that may be missing (not shipped yet, never revoked): ISO-8601, or null. */
export function toIsoStringOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIsoString(value);
}
