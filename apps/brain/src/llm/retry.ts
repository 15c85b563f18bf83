import { setTimeout as sleep } from 'node:timers/promises';
import { LlmCallError } from './errors.ts';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryHooks {
  signal?: AbortSignal | undefined;
  onRetry?: (error: LlmCallError, delayMs: number) => void;
  random?: () => number;
}

/**
 * Wait before retry number `retry` (1, 2, …): base · 2^(retry-1), capped at maxDelayMs, of which a random
 * half is kept ("equal jitter") so that workers which failed together do not come back together.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient LlmCallError, or has been retried
 * `maxRetries` times. A server's Retry-After is honoured up to maxDelayMs.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LlmCallError)) throw error;
      error.attempts = retry;
      if (!error.transient || retry > policy.maxRetries) throw error;
      const wanted = Math.min(error.retryAfterMs ?? 0, policy.maxDelayMs);
      const delayMs = Math.max(backoffDelayMs(retry, policy, hooks.random), wanted);
      hooks.onRetry?.(error, delayMs);
      try {
        await sleep(delayMs, undefined, { signal: hooks.signal });
      } catch {
        const aborted = new LlmCallError(`${error.message} (aborted by the caller while waiting to retry)`, {
          kind: 'aborted',
          callType: error.callType,
          provider: error.provider,
          model: error.model,
          cause: error,
        });
        aborted.attempts = retry;
        throw aborted;
      }
    }
  }
}
