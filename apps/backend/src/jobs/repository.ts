import type { GenerationJobType } from '@coach/core';
import { type Db, generationJobs } from '@coach/data';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';

export type JobRow = typeof generationJobs.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewJob {
  type: GenerationJobType;
  /** What the job is about (`user:7`, `conversation:12`, `all`); null: never joined by another request. */
  scope: string | null;
  userId: number | null;
  params: Record<string, unknown>;
  total: number;
}

const ACTIVE = ['queued', 'running'] as const;
const isActive = inArray(generationJobs.state, [...ACTIVE]);

/**
 * The `generation_jobs` rows. Every transition names the states it leaves, so a report that comes
 * late (a stale attempt, a job already settled) changes nothing and returns undefined.
 */
export function createJobsRepository(db: Db) {
  return {
    async find(id: number): Promise<JobRow | undefined> {
      const [row] = await db.select().from(generationJobs).where(eq(generationJobs.id, id));
      return row;
    },

    /** A student's jobs, oldest first (index generation_jobs_user_idx). */
    async listForUser(userId: number): Promise<JobRow[]> {
      return db
        .select()
        .from(generationJobs)
        .where(eq(generationJobs.userId, userId))
        .orderBy(asc(generationJobs.createdAt), asc(generationJobs.id));
    },

    /**
     * Inserts a job, or finds the queued/running job of the same type and scope (index
     * generation_jobs_one_active_per_scope): a concurrent request blocks on the index until the first
     * commits, then finds its job. Undefined when that job settled in between (the caller tries again).
     */
    async insertOrFindActive(tx: Tx, job: NewJob): Promise<{ row: JobRow; created: boolean } | undefined> {
      const [created] = await tx
        .insert(generationJobs)
        .values({
          type: job.type,
          scope: job.scope,
          userId: job.userId,
          params: job.params,
          progressTotal: job.total,
        })
        .onConflictDoNothing({
          target: [generationJobs.type, generationJobs.scope],
          where: sql`${generationJobs.state} in ('queued', 'running')`,
        })
        .returning();
      if (created) return { row: created, created: true };
      if (job.scope === null) return undefined;
      const [active] = await tx
        .select()
        .from(generationJobs)
        .where(and(eq(generationJobs.type, job.type), eq(generationJobs.scope, job.scope), isActive));
      return active ? { row: active, created: false } : undefined;
    },

    /** Attempt `attempt` begins: running, progress from zero. Refused for a settled job or an older attempt. */
    async start(id: number, attempt: number): Promise<JobRow | undefined> {
      const [row] = await db
        .update(generationJobs)
        .set({ state: 'running', attempts: attempt, progressDone: 0, updatedAt: sql`now()` })
        .where(and(eq(generationJobs.id, id), isActive, lte(generationJobs.attempts, attempt)))
        .returning();
      return row;
    },

    /** Progress of the running attempt; `done` never goes backwards (reports may arrive out of order). */
    async progress(id: number, attempt: number, done: number, total: number): Promise<JobRow | undefined> {
      const [row] = await db
        .update(generationJobs)
        .set({
          progressDone: sql`greatest(${generationJobs.progressDone}, ${done})`,
          progressTotal: total,
          updatedAt: sql`now()`,
        })
        .where(runningAttempt(id, attempt))
        .returning();
      return row;
    },

    async complete(
      id: number,
      attempt: number,
      result: Record<string, unknown>,
      params: Record<string, unknown>,
    ): Promise<JobRow | undefined> {
      const [row] = await db
        .update(generationJobs)
        .set({
          state: 'completed',
          result,
          params,
          error: null,
          progressDone: sql`${generationJobs.progressTotal}`,
          updatedAt: sql`now()`,
        })
        .where(runningAttempt(id, attempt))
        .returning();
      return row;
    },

    /** The running attempt reached its budget: stopped, with what it finished and what remains in `result`. */
    async stop(
      id: number,
      attempt: number,
      stop: { reason: string; result: Record<string, unknown>; params: Record<string, unknown> },
    ): Promise<JobRow | undefined> {
      const [row] = await db
        .update(generationJobs)
        .set({
          state: 'stopped',
          stopReason: stop.reason,
          result: stop.result,
          params: stop.params,
          error: null,
          updatedAt: sql`now()`,
        })
        .where(runningAttempt(id, attempt))
        .returning();
      return row;
    },

    /** The job, locked until the transaction ends: two resumes of one job take turns here. */
    async findForUpdate(tx: Tx, id: number): Promise<JobRow | undefined> {
      const [row] = await tx.select().from(generationJobs).where(eq(generationJobs.id, id)).for('update');
      return row;
    },

    /** A stopped job queued again for what it has left (a new run: progress from zero, the run's budget in params). */
    async requeueStopped(tx: Tx, id: number, params: Record<string, unknown>, total: number) {
      const [row] = await tx
        .update(generationJobs)
        .set({
          state: 'queued',
          stopReason: null,
          params,
          progressDone: 0,
          progressTotal: total,
          updatedAt: sql`now()`,
        })
        .where(and(eq(generationJobs.id, id), eq(generationJobs.state, 'stopped')))
        .returning();
      return row;
    },

    /** The running attempt failed and pg-boss will retry it: queued again, with the error to show meanwhile. */
    async failAttempt(
      id: number,
      attempt: number,
      error: string,
      params: Record<string, unknown>,
    ): Promise<JobRow | undefined> {
      const [row] = await db
        .update(generationJobs)
        .set({ state: 'queued', error, params, updatedAt: sql`now()` })
        .where(runningAttempt(id, attempt))
        .returning();
      return row;
    },

    /** Failed for good. Without an attempt (the dead letter) any unsettled job can be failed. */
    async fail(
      id: number,
      attempt: number | undefined,
      error: string,
      result: Record<string, unknown> | undefined,
      params?: Record<string, unknown>,
    ): Promise<JobRow | undefined> {
      const [row] = await db
        .update(generationJobs)
        .set({
          state: 'failed',
          error,
          ...(result ? { result } : {}),
          ...(params ? { params } : {}),
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(generationJobs.id, id),
            isActive,
            attempt === undefined ? undefined : eq(generationJobs.attempts, attempt),
          ),
        )
        .returning();
      return row;
    },
  };
}
export type JobsRepository = ReturnType<typeof createJobsRepository>;

function runningAttempt(id: number, attempt: number) {
  return and(eq(generationJobs.id, id), eq(generationJobs.state, 'running'), eq(generationJobs.attempts, attempt));
}
