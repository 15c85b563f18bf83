import type { GenerationJobResult } from '@coach/core';
import { describe, expect, it } from 'vitest';
import { attemptLimits } from './budget.ts';
import { mergeRunResults } from './run-results.ts';

describe('attemptLimits', () => {
  it('gives an attempt its run budget less what earlier attempts of the run reported', () => {
    const params = {
      budget: { max_llm_calls: 5, max_tokens: 1000 },
      run_spent: { calls: 2, input_tokens: 300, output_tokens: 100 },
    };
    expect(attemptLimits(params, null)).toEqual({ calls: 3, tokens: 600 });
  });

  it('is no limit without a budget, and never below 0', () => {
    expect(attemptLimits({}, null)).toEqual({ calls: null, tokens: null });
    const spent = {
      budget: { max_llm_calls: 1, max_tokens: 10 },
      run_spent: { calls: 2, input_tokens: 30, output_tokens: 0 },
    };
    expect(attemptLimits(spent, null)).toEqual({ calls: 0, tokens: 0 });
  });

  it("holds a trigger's job to what is left of the day, and only a trigger's", () => {
    expect(attemptLimits({ daily_budget: true }, 500)).toEqual({ calls: null, tokens: 500 });
    expect(attemptLimits({ daily_budget: true, budget: { max_llm_calls: null, max_tokens: 200 } }, 500)).toEqual({
      calls: null,
      tokens: 200,
    });
    expect(attemptLimits({ daily_budget: true }, -20)).toEqual({ calls: null, tokens: 0 });
    expect(attemptLimits({}, 500)).toEqual({ calls: null, tokens: null });
  });
});

const at = '2026-12-03T10:00:00.000Z';

describe('mergeRunResults', () => {
  it("keeps what earlier runs finished under this run's outcomes, with the whole job's counts", () => {
    const stopped: GenerationJobResult = {
      type: 'persona-for-user',
      user_id: 1,
      memories: {
        counts: { selected: 4, saved: 2, skipped: 0, failed: 1 },
        items: [
          { conversation_id: 1, status: 'saved', updated_at: at },
          { conversation_id: 2, status: 'saved', updated_at: at },
          { conversation_id: 3, status: 'failed', error: 'timeout' },
        ],
      },
      persona: { status: 'skipped', reason: 'the budget ran out before the persona step' },
      remaining: { conversation_ids: [3, 4], persona: true },
    };
    const resumed: GenerationJobResult = {
      type: 'persona-for-user',
      user_id: 1,
      memories: {
        counts: { selected: 2, saved: 2, skipped: 0, failed: 0 },
        items: [
          { conversation_id: 3, status: 'saved', updated_at: at },
          { conversation_id: 4, status: 'saved', updated_at: at },
        ],
      },
      persona: { status: 'saved', updated_at: at },
    };

    const merged = mergeRunResults(stopped, resumed);

    expect(merged).toMatchObject({ persona: { status: 'saved' } });
    expect('remaining' in merged && merged.remaining).toBeFalsy();
    if (merged.type !== 'persona-for-user') throw new Error('wrong type');
    expect(merged.memories.counts).toEqual({ selected: 4, saved: 4, skipped: 0, failed: 0 });
    expect(merged.memories.items.map((item) => [item.conversation_id, item.status])).toEqual([
      [1, 'saved'],
      [2, 'saved'],
      [3, 'saved'],
      [4, 'saved'],
    ]);
  });

  it('is the run itself for a first run', () => {
    const first: GenerationJobResult = {
      type: 'user-persona',
      user_id: 1,
      persona: { status: 'saved', updated_at: at },
    };
    expect(mergeRunResults(undefined, first)).toBe(first);
  });
});
