import { rateLimitCounters as counters, type Db } from '@coach/data';
import { sql } from 'drizzle-orm';

export interface CountedHit {
  key: string;
  /** Hits on the key in the current window, this one included. */
  hits: number;
  /** Whole seconds until the current window ends. */
  secondsLeft: number;
}

/**
 * The `rate_limit_counters` rows. A key's window starts at its first hit and lasts `windowSeconds`, by
 * the database's clock, the one every replica shares.
 */
export function createRateLimitsRepository(db: Db) {
  const windowOf = (seconds: number) => sql`make_interval(secs => ${seconds}::int)`;
  return {
    /**
     * One hit on each key in one statement: a new key, or one whose window is over, starts a window at 1;
     * any other counts up. Rows are locked in key order, so two requests sharing two keys cannot deadlock.
     */
    async countHits(keys: string[], windowSeconds: number): Promise<CountedHit[]> {
      const open = sql`${counters.windowStart} > now() - ${windowOf(windowSeconds)}`;
      return db
        .insert(counters)
        .values([...keys].sort().map((key) => ({ key, windowStart: sql`now()`, hits: 1 })))
        .onConflictDoUpdate({
          target: counters.key,
          set: {
            hits: sql`case when ${open} then ${counters.hits} + 1 else 1 end`,
            windowStart: sql`case when ${open} then ${counters.windowStart} else now() end`,
          },
        })
        .returning({
          key: counters.key,
          hits: counters.hits,
          secondsLeft: sql<number>`ceil(extract(epoch from ${counters.windowStart} + ${windowOf(windowSeconds)} - now()))::int`,
        });
    },

    /**
     * Deletes the counters of windows that are over (index rate_limit_counters_window_idx): those of
     * `windowSeconds`, and those named in `longerWindows` (counter name → its window) once theirs is over.
     */
    async deleteEndedWindows(windowSeconds: number, longerWindows: Record<string, number> = {}): Promise<void> {
      const longer = Object.entries(longerWindows);
      const windowOfKey =
        longer.length === 0
          ? sql`${windowSeconds}::int`
          : sql`case ${sql.join(
              longer.map(([name, seconds]) => sql`when ${counters.key} like ${`${name}:%`} then ${seconds}::int`),
              sql` `,
            )} else ${windowSeconds}::int end`;
      await db
        .delete(counters)
        .where(
          sql`${counters.windowStart} <= now() - ${windowOf(windowSeconds)} and ${counters.windowStart} <= now() - make_interval(secs => ${windowOfKey})`,
        );
    },
  };
}

export type RateLimitsRepository = ReturnType<typeof createRateLimitsRepository>;
