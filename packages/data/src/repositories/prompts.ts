import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { prompts, promptVersions } from '../schema.ts';

export type PromptRow = typeof prompts.$inferSelect;
export type PromptVersionRow = typeof promptVersions.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** The two per-prompt flags; each is held by at most one version of a prompt. */
type Flag = 'isActive' | 'isProduction';

/**
 * Takes the prompt's row lock for the rest of the transaction and marks the prompt as changed.
 * Every write to a prompt's versions starts here, so version numbers and the one-active /
 * one-production flags of a prompt are decided by one writer at a time. False when it is gone.
 */
async function lockPrompt(tx: Tx, promptId: number): Promise<boolean> {
  const [row] = await tx
    .update(prompts)
    .set({ updatedAt: sql`now()` })
    .where(eq(prompts.id, promptId))
    .returning({ id: prompts.id });
  return row !== undefined;
}

/** Clears a flag on every version of the prompt but one, before that one gets it (partial unique indexes). */
async function clearFlag(tx: Tx, promptId: number, flag: Flag, exceptVersionId?: number) {
  await tx
    .update(promptVersions)
    .set({ [flag]: false })
    .where(
      and(
        eq(promptVersions.promptId, promptId),
        eq(promptVersions[flag], true),
        exceptVersionId === undefined ? undefined : ne(promptVersions.id, exceptVersionId),
      ),
    );
}

export function createPromptsRepository(db: Db) {
  return {
    /** Every prompt with its active version's number and text (nulls when none is active), by name. */
    async listWithActiveVersion() {
      return db
        .select({
          prompt: prompts,
          activeVersionNumber: promptVersions.versionNumber,
          activeVersionText: promptVersions.promptText,
        })
        .from(prompts)
        .leftJoin(promptVersions, and(eq(promptVersions.promptId, prompts.id), eq(promptVersions.isActive, true)))
        .orderBy(asc(prompts.name));
    },

    async findById(id: number): Promise<PromptRow | undefined> {
      const [row] = await db.select().from(prompts).where(eq(prompts.id, id));
      return row;
    },

    async findByName(name: string): Promise<PromptRow | undefined> {
      const [row] = await db.select().from(prompts).where(eq(prompts.name, name));
      return row;
    },

    /**
     * Creates a prompt, and its version 1 when a text is given, in one transaction. Undefined when
     * the name is taken (by an earlier or a concurrent insert); then nothing is written.
     */
    async create(input: {
      name: string;
      description: string | null;
      firstVersion?: { promptText: string; isActive: boolean; isProduction: boolean };
    }): Promise<PromptRow | undefined> {
      return db.transaction(async (tx) => {
        const [prompt] = await tx
          .insert(prompts)
          .values({ name: input.name, description: input.description })
          .onConflictDoNothing({ target: prompts.name })
          .returning();
        if (!prompt) return undefined;
        if (input.firstVersion) {
          await tx.insert(promptVersions).values({ promptId: prompt.id, versionNumber: 1, ...input.firstVersion });
        }
        return prompt;
      });
    },

    /** Undefined when the prompt does not exist; a taken name raises a unique violation. */
    async update(id: number, changes: { name?: string; description?: string | null }): Promise<PromptRow | undefined> {
      const [row] = await db
        .update(prompts)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(prompts.id, id))
        .returning();
      return row;
    },

    /** Deletes the prompt and (by cascade) its versions; false when it did not exist. */
    async remove(id: number): Promise<boolean> {
      const deleted = await db.delete(prompts).where(eq(prompts.id, id)).returning({ id: prompts.id });
      return deleted.length > 0;
    },

    async listVersions(promptId: number): Promise<PromptVersionRow[]> {
      return db
        .select()
        .from(promptVersions)
        .where(eq(promptVersions.promptId, promptId))
        .orderBy(asc(promptVersions.versionNumber));
    },

    async versionExists(id: number): Promise<boolean> {
      const [row] = await db.select({ id: promptVersions.id }).from(promptVersions).where(eq(promptVersions.id, id));
      return row !== undefined;
    },

    async findVersionById(id: number): Promise<PromptVersionRow | undefined> {
      const [row] = await db.select().from(promptVersions).where(eq(promptVersions.id, id));
      return row;
    },

    async findVersionByNumber(promptId: number, versionNumber: number): Promise<PromptVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(promptVersions)
        .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.versionNumber, versionNumber)));
      return row;
    },

    async findActiveVersion(promptId: number): Promise<PromptVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(promptVersions)
        .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.isActive, true)));
      return row;
    },

    async findProductionVersion(promptId: number): Promise<PromptVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(promptVersions)
        .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.isProduction, true)));
      return row;
    },

    async findEarliestVersion(promptId: number): Promise<PromptVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(promptVersions)
        .where(eq(promptVersions.promptId, promptId))
        .orderBy(asc(promptVersions.versionNumber))
        .limit(1);
      return row;
    },

    /**
     * The version a chat turn uses: the production version for `chat`, the active one for
     * `test-prompt` (operators try a version out before promoting it). Undefined when there is none.
     */
    async findVersionForPurpose(promptName: string, purpose: 'chat' | 'test-prompt') {
      const flag = purpose === 'chat' ? promptVersions.isProduction : promptVersions.isActive;
      const [row] = await db
        .select({ version: promptVersions })
        .from(promptVersions)
        .innerJoin(prompts, eq(prompts.id, promptVersions.promptId))
        .where(and(eq(prompts.name, promptName), eq(flag, true)));
      return row?.version;
    },

    /** Every prompt's version for a purpose, in one query: what a chat turn reads. */
    async findVersionsForPurpose(purpose: 'chat' | 'test-prompt') {
      const flag = purpose === 'chat' ? promptVersions.isProduction : promptVersions.isActive;
      return db
        .select({ name: prompts.name, version: promptVersions })
        .from(promptVersions)
        .innerJoin(prompts, eq(prompts.id, promptVersions.promptId))
        .where(eq(flag, true));
    },

    /** Adds the prompt's next version; undefined when the prompt is gone. */
    async addVersion(
      promptId: number,
      input: { promptText: string; isActive: boolean; isProduction: boolean },
    ): Promise<PromptVersionRow | undefined> {
      return db.transaction(async (tx) => {
        if (!(await lockPrompt(tx, promptId))) return undefined;
        const [next] = await tx
          .select({ versionNumber: sql<number>`coalesce(max(${promptVersions.versionNumber}), 0) + 1` })
          .from(promptVersions)
          .where(eq(promptVersions.promptId, promptId));
        if (input.isActive) await clearFlag(tx, promptId, 'isActive');
        if (input.isProduction) await clearFlag(tx, promptId, 'isProduction');
        const [version] = await tx
          .insert(promptVersions)
          .values({ promptId, versionNumber: Number(next!.versionNumber), ...input })
          .returning();
        return version!;
      });
    },

    /** Gives the flag to one version of the prompt, taking it from the others; undefined when either is gone. */
    async setFlag(promptId: number, versionId: number, flag: Flag): Promise<PromptVersionRow | undefined> {
      return db.transaction(async (tx) => {
        if (!(await lockPrompt(tx, promptId))) return undefined;
        await clearFlag(tx, promptId, flag, versionId);
        const [version] = await tx
          .update(promptVersions)
          .set({ [flag]: true })
          .where(and(eq(promptVersions.id, versionId), eq(promptVersions.promptId, promptId)))
          .returning();
        return version;
      });
    },

    async unsetProduction(promptId: number, versionId: number): Promise<PromptVersionRow | undefined> {
      return db.transaction(async (tx) => {
        if (!(await lockPrompt(tx, promptId))) return undefined;
        const [version] = await tx
          .update(promptVersions)
          .set({ isProduction: false })
          .where(and(eq(promptVersions.id, versionId), eq(promptVersions.promptId, promptId)))
          .returning();
        return version;
      });
    },
  };
}
export type PromptsRepository = ReturnType<typeof createPromptsRepository>;
