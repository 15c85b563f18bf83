import { describe, expect, it } from 'vitest';
import { LlmCallError } from './errors.ts';
import { backoffDelayMs, withRetries } from './retry.ts';

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

function failureOf(kind: 'server' | 'auth', retryAfterMs?: number) {
  return new LlmCallError(kind, {
    kind,
    callType: 'simplified_conversation',
    provider: 'openai',
    model: 'm',
    retryAfterMs,
  });
}

describe('backoff', () => {
  it('doubles each time, keeps a random half, and stops at the cap', () => {
    expect([1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 1))).toEqual([100, 200, 400]);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(1_000);
  });
});

describe('retrying', () => {
  const fast = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 };

  it('retries transient failures and counts attempts', async () => {
    let calls = 0;
    const result = await withRetries(async () => {
      calls++;
      if (calls < 3) throw failureOf('server');
      return 'ok';
    }, fast);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry what would fail the same way again', async () => {
    let calls = 0;
    const error = await withRetries(async () => {
      calls++;
      throw failureOf('auth');
    }, fast).catch((e: LlmCallError) => e);
    expect(error).toMatchObject({ kind: 'auth', attempts: 1 });
    expect(calls).toBe(1);
  });

  it("waits for the server's Retry-After, up to the cap", async () => {
    const delays: number[] = [];
    await withRetries(
      async () => {
        if (delays.length === 0) throw failureOf('server', 60_000);
        return 'ok';
      },
      { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 30 },
      { onRetry: (_error, delayMs) => delays.push(delayMs) },
    );
    expect(delays).toEqual([30]);
  });
});
