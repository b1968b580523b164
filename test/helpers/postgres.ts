import pg from 'pg';

/** The machine's PostgreSQL (trust auth); tests only ever touch a schema of their own. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers. Without it the tests skip with a loud message, except in CI
 * (CI=true), where a missing database is a failure.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL is not reachable at ${POSTGRES_URL}: ${(e as Error).message}`);
    console.warn(`\n!!! SKIPPING POSTGRESQL TESTS: ${POSTGRES_URL} is not reachable (${(e as Error).message}) !!!\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A schema name no other test run uses. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
}
