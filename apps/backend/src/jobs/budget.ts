import type { AttemptLimits, AttemptSpend } from '@coach/core';

/** A run's budget as the request gave it (null: no limit), kept in the job's `params.budget`. */
export interface RunBudget {
  max_llm_calls: number | null;
  max_tokens: number | null;
}

export const NO_BUDGET: RunBudget = { max_llm_calls: null, max_tokens: null };
export const NOTHING_SPENT: AttemptSpend = { calls: 0, input_tokens: 0, output_tokens: 0 };

/** The highest budgets a request may name: beyond them a budget is no budget, and likely a typo (422). */
export const MAX_LLM_CALLS_CAP = 1_000_000;
export const MAX_TOKENS_CAP = 1_000_000_000;

export function budgetOf(params: Record<string, unknown>): RunBudget {
  const budget = params.budget as Partial<RunBudget> | undefined;
  return { max_llm_calls: budget?.max_llm_calls ?? null, max_tokens: budget?.max_tokens ?? null };
}

/** What the job's current run has spent, over all its attempts (`params.run_spent`, from the Brain's reports). */
export function runSpentOf(params: Record<string, unknown>): AttemptSpend {
  return { ...NOTHING_SPENT, ...(params.run_spent as Partial<AttemptSpend> | undefined) };
}

export function addSpend(a: AttemptSpend, b: AttemptSpend | undefined): AttemptSpend {
  if (!b) return a;
  return {
    calls: a.calls + b.calls,
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
  };
}

/**
 * What an attempt may spend: the run's budget less what its earlier attempts spent, and for a job under
 * the daily budget no more tokens than are left of today's. Never below 0 (0: no call starts).
 */
export function attemptLimits(params: Record<string, unknown>, dailyTokensLeft: number | null): AttemptLimits {
  const budget = budgetOf(params);
  const spent = runSpentOf(params);
  const left = (limit: number | null, used: number) => (limit === null ? null : Math.max(limit - used, 0));
  const tokens = left(budget.max_tokens, spent.input_tokens + spent.output_tokens);
  const daily = params.daily_budget === true && dailyTokensLeft !== null ? Math.max(dailyTokensLeft, 0) : null;
  return {
    calls: left(budget.max_llm_calls, spent.calls),
    tokens: daily === null ? tokens : Math.min(tokens ?? daily, daily),
  };
}
