import { type Db, users } from '@coach/data';
import { eq } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;

export function createUsersRepository(db: Db) {
  return {
    async findById(id: number): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async findByPhone(phoneNumber: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.phoneNumber, phoneNumber));
      return row;
    },
    async findByName(name: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.name, name));
      return row;
    },
    /** Inserts a user; undefined when the phone number or name is already taken. */
    async insert(values: { phoneNumber?: string; name?: string }): Promise<UserRow | undefined> {
      const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
      return row;
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
