import type { ModelCallEntry } from '@coach/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createModelCallRecorder, type ModelCallRecorder } from './recorder.ts';

function entry(n: number): ModelCallEntry {
  return {
    started_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    call_type: 'simplified_conversation',
    provider: 'offline',
    model: 'offline-coach',
    input_tokens: n,
    output_tokens: 1,
    latency_ms: 0,
    outcome: 'ok',
    failure_kind: null,
    cost_usd: 0,
    user_id: null,
    conversation_id: null,
    message_id: null,
    job_id: null,
  };
}

const recorders: ModelCallRecorder[] = [];
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.close().catch(() => {})));
});

function givenRecorder(options: Partial<Parameters<typeof createModelCallRecorder>[0]> = {}) {
  const batches: number[][] = [];
  const recorder = createModelCallRecorder({
    flushIntervalMs: 60_000,
    send: async (calls) => {
      batches.push(calls.map((c) => c.input_tokens));
    },
    ...options,
  });
  recorders.push(recorder);
  return { recorder, batches };
}

describe('the model call recorder', () => {
  it('sends nothing while it records: a turn only appends to the buffer', () => {
    const { recorder, batches } = givenRecorder();
    recorder.record(entry(1));
    recorder.record(entry(2));
    expect(batches).toEqual([]);
  });

  it('sends what it buffered, in order, as one batch on flush', async () => {
    const { recorder, batches } = givenRecorder();
    for (const n of [1, 2, 3]) recorder.record(entry(n));
    await recorder.flush();
    expect(batches).toEqual([[1, 2, 3]]);
    await recorder.flush();
    expect(batches).toHaveLength(1);
  });

  it('sends a full batch at once, without waiting for the timer', async () => {
    const { recorder, batches } = givenRecorder({ batchSize: 2 });
    for (const n of [1, 2, 3]) recorder.record(entry(n));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toEqual([[1, 2]]);
    await recorder.close();
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('sends on its interval', async () => {
    const { recorder, batches } = givenRecorder({ flushIntervalMs: 20 });
    recorder.record(entry(7));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(batches).toEqual([[7]]);
  });

  it('keeps a batch the Backend refused and sends it with the next one', async () => {
    let refuse = true;
    const batches: number[][] = [];
    const { recorder } = givenRecorder({
      send: async (calls) => {
        if (refuse) throw new Error('Backend down');
        batches.push(calls.map((c) => c.input_tokens));
      },
    });
    recorder.record(entry(1));
    await recorder.flush();
    expect(batches).toEqual([]);
    refuse = false;
    recorder.record(entry(2));
    await recorder.flush();
    expect(batches).toEqual([[1, 2]]);
  });

  it('drops the oldest entries beyond its buffer while the Backend takes none', async () => {
    const batches: number[][] = [];
    let refuse = true;
    const { recorder } = givenRecorder({
      maxBuffered: 3,
      send: async (calls) => {
        if (refuse) throw new Error('Backend down');
        batches.push(calls.map((c) => c.input_tokens));
      },
    });
    for (const n of [1, 2, 3, 4, 5]) recorder.record(entry(n));
    refuse = false;
    await recorder.close();
    expect(batches).toEqual([[3, 4, 5]]);
  });
});
