import type { AttemptLimits, AttemptSpend } from '@coach/core';

/** A model call the job's budget did not let start: nothing was sent, nothing is billed. */
export class BudgetReached extends Error {
  constructor(limit: 'calls' | 'tokens') {
    super(`the job's budget of model ${limit} is spent`);
    this.name = 'BudgetReached';
  }
}

/**
 * What one attempt of a generation job may spend, counted here as its calls end (the ledger is sent in
 * batches, so it cannot tell in time). A call is admitted while fewer calls than the limit have started
 * and fewer tokens than the limit have been used: calls in flight finish, and their tokens may go past the
 * token limit by what they used.
 */
export interface CallBudget {
  /** Throws BudgetReached when no further call may start; otherwise counts the call as started. */
  admit(): void;
  /** A call ended (answered or failed) with these tokens. */
  spend(inputTokens: number, outputTokens: number): void;
  /** True once a call was refused, or no further call could start. */
  readonly reached: boolean;
  spent(): AttemptSpend;
}

export function createCallBudget(limits: AttemptLimits): CallBudget {
  let started = 0;
  let refused = false;
  const spent: AttemptSpend = { calls: 0, input_tokens: 0, output_tokens: 0 };
  const tokens = () => spent.input_tokens + spent.output_tokens;
  const exhausted = () =>
    (limits.calls !== null && started >= limits.calls) || (limits.tokens !== null && tokens() >= limits.tokens);
  return {
    admit() {
      if (limits.calls !== null && started >= limits.calls) {
        refused = true;
        throw new BudgetReached('calls');
      }
      if (limits.tokens !== null && tokens() >= limits.tokens) {
        refused = true;
        throw new BudgetReached('tokens');
      }
      started++;
    },
    spend(inputTokens, outputTokens) {
      spent.calls++;
      spent.input_tokens += inputTokens;
      spent.output_tokens += outputTokens;
    },
    get reached() {
      return refused || exhausted();
    },
    spent: () => ({ ...spent }),
  };
}
