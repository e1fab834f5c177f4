import { Environment } from '../config/environment';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where the app's database is, and how many connections it may hold. */
export interface DatabaseEndpoint {
  readonly url: string;
  /** The schema owner's URL, for migrations and grants, when the app logs in as a role of its own. */
  readonly ownerUrl?: string;
  readonly poolSize: number;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded engine with its data in DATA_DIR. */
export async function openDatabaseEndpoint(env: Environment): Promise<DatabaseEndpoint> {
  if (env.DATABASE_URL !== undefined) {
    return { url: env.DATABASE_URL, ownerUrl: env.DATABASE_OWNER_URL, poolSize: env.DB_POOL_SIZE, embedded: false, close: async () => undefined };
  }
  const engine = await EmbeddedPostgres.start({ dataDir: env.DATA_DIR });
  return { url: engine.url, poolSize: EmbeddedPostgres.POOL_SIZE, embedded: true, close: () => engine.stop() };
}
