/**
 * Says once, after the summary, why the PostgreSQL half of the storage tests was skipped: the
 * reporter only counts them.
 */
export default function announce() {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:/.test(url)) return undefined;
  return () => {
    process.stdout.write(
      '\nPostgreSQL tests skipped: DATABASE_URL does not name a PostgreSQL database. ' +
        'Run DATABASE_URL=postgres://user@host:5432/db npm test to run every storage test on PostgreSQL too.\n',
    );
  };
}
