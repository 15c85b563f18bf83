import type { GenerationJobRecord, StopReason } from '@coach/core';
import { z } from 'zod';
import { iso } from '../http/params.ts';
import { MAX_LLM_CALLS_CAP, MAX_TOKENS_CAP, type RunBudget } from './budget.ts';
import type { JobRow } from './repository.ts';

export function toJobDto(row: JobRow): GenerationJobRecord {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    user_id: row.userId,
    progress: { done: row.progressDone, total: row.progressTotal },
    attempts: row.attempts,
    params: row.params,
    ...(row.result ? { result: row.result as GenerationJobRecord['result'] } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(row.stopReason ? { stop_reason: row.stopReason as StopReason } : {}),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/** A budget in a query: a whole number from 1 to `cap`; 0, negative, fractions and beyond the cap are 422. */
const budgetParam = (cap: number) => {
  const message = `must be a whole number from 1 to ${cap}`;
  return z
    .string()
    .regex(/^\d+$/, { error: message })
    .transform(Number)
    .refine((n) => n >= 1 && n <= cap, { error: message })
    .optional();
};

/** `max_llm_calls`, `max_tokens` of every generating task route and of resume (docs/api/tasks-and-jobs.md). */
export const BudgetQuery = z.object({
  max_llm_calls: budgetParam(MAX_LLM_CALLS_CAP),
  max_tokens: budgetParam(MAX_TOKENS_CAP),
});
export type BudgetQuery = z.infer<typeof BudgetQuery>;

export function runBudgetOf(query: BudgetQuery): RunBudget {
  return { max_llm_calls: query.max_llm_calls ?? null, max_tokens: query.max_tokens ?? null };
}

export const ResumedJob = z.object({ job_id: z.number().int() }).meta({ id: 'ResumedJob' });
