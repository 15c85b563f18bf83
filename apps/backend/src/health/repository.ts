import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';

export function createHealthRepository(db: Db) {
  return {
    /** The cheapest statement the server must answer. */
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}
export type HealthRepository = ReturnType<typeof createHealthRepository>;
