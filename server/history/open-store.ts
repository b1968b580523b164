import { join } from 'node:path';
import { PostgresHistoryStore } from './postgres-store.ts';
import { SqliteHistoryStore } from './sqlite-store.ts';
import type { HistoryStore } from './types.ts';

/**
 * The history store of a server: PostgreSQL when `databaseUrl` is set (shared by replicas),
 * else the embedded SQLite file `<dataDir>/history.sqlite`.
 */
export async function openHistoryStore(options: { dataDir: string; databaseUrl?: string; schema?: string }): Promise<HistoryStore> {
  if (options.databaseUrl) return PostgresHistoryStore.open(options.databaseUrl, options.schema);
  return new SqliteHistoryStore(join(options.dataDir, 'history.sqlite'));
}
