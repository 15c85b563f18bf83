import type { LlmClient, LlmRequest } from '../llm/client.ts';

/**
 * The same model with at most `limit` calls in flight at once, however many jobs and memories ask for
 * them; the others wait their turn, first come first served. One per process: GENERATION_CONCURRENCY is
 * what the provider is asked to bear, while the jobs around the calls (transcripts, upserts, reports)
 * overlap with them.
 */
export function limitModelCalls(llm: LlmClient, limit: number): LlmClient {
  let active = 0;
  const waiting: Array<() => void> = [];

  function acquire(signal: AbortSignal | undefined): Promise<void> {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(signal?.reason);
      };
      // the slot is handed over by release(), so `active` stays as it is
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.throwIfAborted();
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(start);
    });
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }

  async function inSlot<T>(request: LlmRequest, call: () => Promise<T>): Promise<T> {
    await acquire(request.signal);
    try {
      return await call();
    } finally {
      release();
    }
  }

  return {
    text: (request) => inSlot(request, () => llm.text(request)),
    object: (request, schema) => inSlot(request, () => llm.object(request, schema)),
  };
}
