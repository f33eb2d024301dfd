/** A new, empty database on the run's PostgreSQL, for tests that need one to themselves. */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../libs/event-store/src';

export async function createFreshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('integration tests need test/global-setup.ts');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database with the engine's schema for the spec file that calls this: created and
 * migrated before its tests, dropped after them. Read `db` inside tests and hooks.
 */
export function migratedFreshDatabase(): { readonly db: DataSource } {
  let database: Awaited<ReturnType<typeof createFreshDatabase>> | undefined;
  const store = {} as { db: DataSource };
  beforeAll(async () => {
    database = await createFreshDatabase();
    store.db = await openDatabase({ url: database.url });
  });
  afterAll(async () => {
    await store.db?.destroy();
    await database?.drop();
  });
  return store;
}
