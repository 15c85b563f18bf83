import { type Db, type StaffRole, staff } from '@coach/data';
import { and, asc, eq, sql } from 'drizzle-orm';

export type StaffRow = typeof staff.$inferSelect;

export interface NewStaff {
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
}

export interface StaffChange {
  role?: StaffRole | undefined;
  name?: string | undefined;
  disabled?: boolean | undefined;
  passwordHash?: string | undefined;
  /** Ends every token issued so far (disabling, a new password). */
  endSessions?: boolean | undefined;
}

const byEmail = (email: string) => sql`lower(${staff.email}) = lower(${email})`;

export function createStaffRepository(db: Db) {
  return {
    /** By primary key: the guard's one read per staff request. */
    async findById(id: number): Promise<StaffRow | undefined> {
      const [row] = await db.select().from(staff).where(eq(staff.id, id));
      return row;
    },

    /** Whatever the case of `email` (the unique index on lower(email) serves it). */
    async findByEmail(email: string): Promise<StaffRow | undefined> {
      const [row] = await db.select().from(staff).where(byEmail(email));
      return row;
    },

    async list(): Promise<StaffRow[]> {
      return db.select().from(staff).orderBy(asc(staff.id));
    },

    /** Undefined when the email is taken (in any case). */
    async insert(values: NewStaff): Promise<StaffRow | undefined> {
      const [row] = await db.insert(staff).values(values).onConflictDoNothing().returning();
      return row;
    },

    async update(id: number, change: StaffChange): Promise<StaffRow | undefined> {
      const { endSessions, ...values } = change;
      const [row] = await db
        .update(staff)
        .set({
          ...values,
          ...(endSessions ? { tokenVersion: sql`${staff.tokenVersion} + 1` } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(staff.id, id))
        .returning();
      return row;
    },

    /**
     * The enabled admins' ids, their rows locked until the transaction ends: two demotions of the last
     * two admins run one after the other, and the second sees one admin left.
     */
    async lockEnabledAdmins(): Promise<number[]> {
      const rows = await db
        .select({ id: staff.id })
        .from(staff)
        .where(and(eq(staff.role, 'admin'), eq(staff.disabled, false)))
        .orderBy(asc(staff.id))
        .for('update');
      return rows.map((row) => row.id);
    },
  };
}
export type StaffRepository = ReturnType<typeof createStaffRepository>;
