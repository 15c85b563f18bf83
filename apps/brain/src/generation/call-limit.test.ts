import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LlmClient, LlmRequest } from '../llm/client.ts';
import { limitModelCalls } from './call-limit.ts';

/** A model whose calls each take `ms`, counting how many are in flight at once. */
function slowModel(ms: number) {
  const seen = { inFlight: 0, most: 0, started: [] as string[] };
  const llm: LlmClient = {
    async text() {
      throw new Error('not used');
    },
    async object<T>(request: LlmRequest) {
      seen.started.push(request.prompt);
      seen.inFlight++;
      seen.most = Math.max(seen.most, seen.inFlight);
      await sleep(ms);
      seen.inFlight--;
      return { prompt: request.prompt } as T;
    },
  };
  return { llm, seen };
}

const request = (prompt: string, signal?: AbortSignal): LlmRequest => ({
  callType: 'memory_generation',
  prompt,
  signal,
});
const Answer = z.object({ prompt: z.string() });

describe('limiting generation model calls', () => {
  it('keeps at most the limit in flight, and starts the waiting calls in the order they asked', async () => {
    const { llm, seen } = slowModel(20);
    const limited = limitModelCalls(llm, 3);

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => limited.object(request(`call ${i}`), Answer)),
    );

    expect(seen.most).toBe(3);
    expect(seen.started).toEqual(Array.from({ length: 10 }, (_, i) => `call ${i}`));
    expect(answers.map((a) => a.prompt)).toEqual(seen.started);
  });

  it('frees the slot of a call that failed', async () => {
    const failing: LlmClient = {
      text: async () => {
        throw new Error('not used');
      },
      object: async () => {
        throw new Error('the model is down');
      },
    };
    const limited = limitModelCalls(failing, 1);

    await expect(limited.object(request('first'), Answer)).rejects.toThrow('the model is down');
    await expect(limited.object(request('second'), Answer)).rejects.toThrow('the model is down');
  });

  it('gives up waiting when the job is taken back, without taking a slot', async () => {
    const { llm, seen } = slowModel(30);
    const limited = limitModelCalls(llm, 1);
    const abandoned = new AbortController();

    const running = limited.object(request('running'), Answer);
    const waiting = limited.object(request('abandoned', abandoned.signal), Answer);
    const next = limited.object(request('next'), Answer);
    abandoned.abort(new Error('taken back'));

    await expect(waiting).rejects.toThrow('taken back');
    await Promise.all([running, next]);
    expect(seen.started).toEqual(['running', 'next']);
  });
});
