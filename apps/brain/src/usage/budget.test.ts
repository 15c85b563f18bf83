import { describe, expect, it } from 'vitest';
import { BudgetReached, createCallBudget } from './budget.ts';

describe('a call budget', () => {
  it('admits as many calls as the limit, counting those started, not those finished', () => {
    const budget = createCallBudget({ calls: 2, tokens: null });
    budget.admit();
    budget.admit();
    // both are in flight: a third may not start, whatever they end up using
    expect(() => budget.admit()).toThrow(BudgetReached);
    expect(budget.reached).toBe(true);
  });

  it('admits calls until the finished ones have used the tokens; those in flight may pass it', () => {
    const budget = createCallBudget({ calls: null, tokens: 100 });
    budget.admit();
    budget.admit();
    budget.spend(60, 10);
    expect(budget.reached).toBe(false);
    budget.spend(50, 10);
    expect(budget.spent()).toEqual({ calls: 2, input_tokens: 110, output_tokens: 20 });
    expect(() => budget.admit()).toThrow("the job's budget of model tokens is spent");
  });

  it('counts a failed call like any other, and never stops without limits', () => {
    const budget = createCallBudget({ calls: null, tokens: null });
    for (let i = 0; i < 1000; i++) budget.admit();
    budget.spend(0, 0);
    expect(budget.reached).toBe(false);
    expect(budget.spent().calls).toBe(1);
  });

  it('starts nothing with a limit of 0', () => {
    expect(() => createCallBudget({ calls: 0, tokens: null }).admit()).toThrow(BudgetReached);
    expect(() => createCallBudget({ calls: null, tokens: 0 }).admit()).toThrow(BudgetReached);
  });
});
