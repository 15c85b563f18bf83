import type { Db } from '@coach/data';
import { sql } from 'drizzle-orm';

export function createHealthRepository(db: Db) {
  return {
    /** The cheapest statement the server must answer. */
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}
export type HealthRepository = ReturnType<typeof createHealthRepository>;
