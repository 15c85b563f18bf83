import type { JobUsage, ModelCallEntry, UsageGroupBy } from '@coach/core';
import { type Db, modelCalls } from '@coach/data';
import { type SQL, sql } from 'drizzle-orm';
import type { QueryResult, QueryResultRow } from 'pg';

/** One group of the report, as the database sums it. */
export interface UsageRow {
  key: string | number | null;
  calls: number;
  failedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when a call in the group has no price. */
  costUsd: number | null;
}

/** What each `group_by` groups on: fixed expressions, never text from the request. */
const GROUP_KEYS: Record<UsageGroupBy, SQL> = {
  day: sql`to_char(${modelCalls.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  call_type: sql`${modelCalls.callType}`,
  user: sql`${modelCalls.userId}`,
  model: sql`${modelCalls.model}`,
};

/** The students first (the costliest), the rest in their natural order: days in time, names alphabetically. */
const GROUP_ORDER: Record<UsageGroupBy, SQL> = {
  day: sql`1`,
  call_type: sql`1`,
  user: sql`sum(${modelCalls.inputTokens} + ${modelCalls.outputTokens}) desc, 1`,
  model: sql`1`,
};

export function createUsageRepository(db: Db) {
  // the Backend's database is node-postgres: a raw query answers its QueryResult
  const query = async <T extends QueryResultRow>(statement: SQL) => (await db.execute(statement)) as QueryResult<T>;

  return {
    /**
     * Stores the Brain's entries. Whom a call served is read against the tables as they are now: the
     * student of a memory call comes from its conversation; a call whose student (or, naming none, whose
     * conversation) is gone is not stored, as it would have been deleted with them; a message or job that
     * is gone is left null. Returns how many were stored.
     */
    async insertModelCalls(entries: ModelCallEntry[]): Promise<number> {
      const result = await query(sql`
        insert into model_calls (created_at, call_type, provider, model, input_tokens, output_tokens, latency_ms,
                                 outcome, failure_kind, cost_usd, user_id, conversation_id, message_id, job_id)
        select e.started_at, e.call_type, e.provider, e.model, e.input_tokens, e.output_tokens, e.latency_ms,
               e.outcome, e.failure_kind, e.cost_usd, u.id, c.id, m.id, j.id
          from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) with ordinality as a(entry, n)
         cross join lateral jsonb_to_record(a.entry) as e(
                 started_at timestamptz, call_type text, provider text, model text, input_tokens int,
                 output_tokens int, latency_ms int, outcome text, failure_kind text, cost_usd numeric,
                 user_id int, conversation_id int, message_id int, job_id int)
          left join conversations c on c.id = e.conversation_id
          left join users u on u.id = coalesce(e.user_id, c.user_id)
          left join messages m on m.id = e.message_id
          left join generation_jobs j on j.id = e.job_id
         where u.id is not null or (e.user_id is null and e.conversation_id is null)
         -- ids in the order the Brain made the calls (a retry's attempts read in order)
         order by a.n`);
      return result.rowCount ?? 0;
    },

    /** Calls started in [from, to), grouped; served by model_calls_created_idx. */
    async report(from: Date, to: Date, groupBy: UsageGroupBy): Promise<UsageRow[]> {
      const key = GROUP_KEYS[groupBy];
      const result = await query<{
        key: string | number | null;
        calls: number;
        failed_calls: number;
        input_tokens: string;
        output_tokens: string;
        cost_usd: number | null;
      }>(sql`
        select ${key} as key,
               count(*)::int as calls,
               (count(*) filter (where ${modelCalls.outcome} = 'failed'))::int as failed_calls,
               sum(${modelCalls.inputTokens}) as input_tokens,
               sum(${modelCalls.outputTokens}) as output_tokens,
               case when count(${modelCalls.costUsd}) = count(*) then sum(${modelCalls.costUsd})::float8 end as cost_usd
          from ${modelCalls}
         where ${modelCalls.createdAt} >= ${from.toISOString()}::timestamptz
           and ${modelCalls.createdAt} < ${to.toISOString()}::timestamptz
         group by 1
         order by ${GROUP_ORDER[groupBy]}`);
      return result.rows.map((row) => ({
        key: row.key,
        calls: row.calls,
        failedCalls: row.failed_calls,
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        costUsd: row.cost_usd,
      }));
    },

    /** Every attempt of every call a generation job made; served by model_calls_job_idx. */
    async jobUsage(jobId: number): Promise<JobUsage> {
      const result = await query<{ calls: number; input_tokens: string; output_tokens: string }>(sql`
        select count(*)::int as calls,
               coalesce(sum(${modelCalls.inputTokens}), 0) as input_tokens,
               coalesce(sum(${modelCalls.outputTokens}), 0) as output_tokens
          from ${modelCalls}
         where ${modelCalls.jobId} = ${jobId}`);
      const row = result.rows[0];
      return {
        calls: row?.calls ?? 0,
        input_tokens: Number(row?.input_tokens ?? 0),
        output_tokens: Number(row?.output_tokens ?? 0),
      };
    },

    /** Tokens memory and persona generation used since `since` (the daily budget's day so far). */
    async generationTokensSince(since: Date): Promise<number> {
      const result = await query<{ tokens: string }>(sql`
        select coalesce(sum(${modelCalls.inputTokens} + ${modelCalls.outputTokens}), 0) as tokens
          from ${modelCalls}
         where ${modelCalls.createdAt} >= ${since}
           and ${modelCalls.callType} in ('memory_generation', 'user_persona_generation')`);
      return Number(result.rows[0]?.tokens ?? 0);
    },
  };
}

export type UsageRepository = ReturnType<typeof createUsageRepository>;
