import { describe, expect, it } from 'vitest';
import { estimateTokens } from './token-estimate.ts';

describe('the offline model token estimate', () => {
  it('counts a token per four characters, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('why')).toBe(1);
    expect(estimateTokens('why?')).toBe(1);
    expect(estimateTokens('why is')).toBe(2);
    expect(estimateTokens('x'.repeat(4_001))).toBe(1_001);
  });
});
