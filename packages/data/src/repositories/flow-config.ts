import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { flowConfigs } from '../schema.ts';

/** The Brain keeps one FlowConfig document; the name leaves room for more (per cohort, say). */
const DOCUMENT = 'brain';

export function createFlowConfigRepository(db: Db) {
  return {
    async read(): Promise<Record<string, unknown> | undefined> {
      const [row] = await db.select().from(flowConfigs).where(eq(flowConfigs.name, DOCUMENT));
      return row?.config;
    },
    async write(config: Record<string, unknown>): Promise<void> {
      await db
        .insert(flowConfigs)
        .values({ name: DOCUMENT, config })
        .onConflictDoUpdate({ target: flowConfigs.name, set: { config, updatedAt: sql`now()` } });
    },
  };
}
export type FlowConfigRepository = ReturnType<typeof createFlowConfigRepository>;
