import { type AuditActor, type Db, safetyAlerts, users } from '@coach/data';
import { and, asc, desc, eq, sql } from 'drizzle-orm';

export type SafetyAlertRow = typeof safetyAlerts.$inferSelect;
export type SafetyAlertStatus = SafetyAlertRow['status'];
export type NewSafetyAlert = Pick<
  typeof safetyAlerts.$inferInsert,
  'userId' | 'conversationId' | 'messageId' | 'category' | 'severity' | 'excerpt'
>;

export function createSafetyAlertsRepository(db: Db) {
  return {
    async insert(values: NewSafetyAlert): Promise<SafetyAlertRow> {
      const [row] = await db.insert(safetyAlerts).values(values).returning();
      return row!;
    },

    async findById(id: number): Promise<SafetyAlertRow | undefined> {
      const [row] = await db.select().from(safetyAlerts).where(eq(safetyAlerts.id, id));
      return row;
    },

    /** Resolves an open alert; undefined when it is not (or no longer) open. */
    async resolve(id: number, note: string | null, resolvedBy: AuditActor): Promise<SafetyAlertRow | undefined> {
      const [row] = await db
        .update(safetyAlerts)
        .set({ status: 'resolved', note, resolvedAt: sql`now()`, resolvedBy })
        .where(and(eq(safetyAlerts.id, id), eq(safetyAlerts.status, 'open')))
        .returning();
      return row;
    },

    /** Alerts by status with their student's name, newest first (index safety_alerts_status_created_idx). */
    async listByStatus(status: SafetyAlertStatus, limit: number, offset: number) {
      return db
        .select({ alert: safetyAlerts, name: users.name })
        .from(safetyAlerts)
        .innerJoin(users, eq(users.id, safetyAlerts.userId))
        .where(eq(safetyAlerts.status, status))
        .orderBy(desc(safetyAlerts.createdAt), desc(safetyAlerts.id))
        .limit(limit)
        .offset(offset);
    },

    /** A student's alerts, oldest first (their export). */
    async listForUser(userId: number): Promise<SafetyAlertRow[]> {
      return db
        .select()
        .from(safetyAlerts)
        .where(eq(safetyAlerts.userId, userId))
        .orderBy(asc(safetyAlerts.createdAt), asc(safetyAlerts.id));
    },
  };
}
export type SafetyAlertsRepository = ReturnType<typeof createSafetyAlertsRepository>;
