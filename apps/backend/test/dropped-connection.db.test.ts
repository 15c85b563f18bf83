import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@coach/data';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './database.ts';

// a pool whose connections the server ends under it
let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('a database connection lost in the middle of a transaction', () => {
  it('fails that transaction, not the process, and the next query works', async () => {
    const transaction = database.db.transaction(async (tx) => {
      const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
        rows: { pid: number }[];
      };
      // the server drops this connection (a restart does the same to every connection) while no query runs on it
      await database.pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await sleep(200);
      await tx.execute(sql`select 1`);
    });

    await expect(transaction).rejects.toThrow();
    const { rows } = (await database.db.execute(sql`select 1 as one`)) as unknown as { rows: { one: number }[] };
    expect(rows).toEqual([{ one: 1 }]);
  });
});
