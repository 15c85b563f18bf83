import { type AuditActor, auditLog, type Db } from '@coach/data';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';

export type AuditRow = typeof auditLog.$inferSelect;

/** What an operator write records beside its actor. `details.user_id` marks an entry about a student. */
export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | number | null;
  details?: Record<string, unknown>;
}

export interface AuditFilters {
  actorStaffId?: number | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

/** The audit log. `db` is the transaction of the change an entry records. */
export function createAuditRepository(db: Db) {
  return {
    async insert(actor: AuditActor, entry: AuditEntry): Promise<void> {
      await db.insert(auditLog).values({
        actorKind: actor.kind,
        actorStaffId: actor.kind === 'staff' ? actor.staff_id : null,
        actorEmail: actor.kind === 'staff' ? actor.email : null,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId === null ? null : String(entry.targetId),
        details: entry.details ?? {},
      });
    },

    /** Newest first. */
    async list(filters: AuditFilters): Promise<AuditRow[]> {
      const where: SQL[] = [];
      if (filters.actorStaffId !== undefined) where.push(eq(auditLog.actorStaffId, filters.actorStaffId));
      if (filters.action !== undefined) where.push(eq(auditLog.action, filters.action));
      if (filters.from !== undefined) where.push(gte(auditLog.createdAt, filters.from));
      if (filters.to !== undefined) where.push(lt(auditLog.createdAt, filters.to));
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(filters.limit)
        .offset(filters.offset);
    },

    /**
     * A deleted student's entries keep who did what and when, to which ids; their details shrink to
     * `{user_id, erased: true}` (a rejection's reason, a note, a name could say who the child was).
     */
    async eraseStudent(userId: number): Promise<void> {
      await db
        .update(auditLog)
        .set({ details: { user_id: userId, erased: true } })
        .where(and(sql`${auditLog.details} ? 'user_id'`, sql`(${auditLog.details}->>'user_id')::int = ${userId}`));
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** Records an operator write in `tx`, the transaction of the change itself: both commit or neither does. */
export function recordAudit(tx: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  return createAuditRepository(tx).insert(actor, entry);
}

/**
 * Runs an operator's change in one transaction with its audit entry: `change` writes through `tx` (a
 * repository's own transaction inside it becomes a savepoint), `entry` describes what it wrote. A change
 * that throws leaves neither.
 */
export function audited<T>(
  db: Db,
  actor: AuditActor,
  change: (tx: Db) => Promise<T>,
  entry: (result: T) => AuditEntry,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await change(tx);
    await recordAudit(tx, actor, entry(result));
    return result;
  });
}
