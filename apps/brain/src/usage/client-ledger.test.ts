import type { ModelCallEntry } from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../test/openai-test-server.ts';
import { createLlmClient } from '../llm/client.ts';
import { type LlmConfigFile, resolveLlmSettings } from '../llm/config.ts';
import { CoachReply } from '../llm/schemas.ts';
import type { ModelCallRecorder } from './recorder.ts';
import { withModelCallScope } from './scope.ts';

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiTestServer();
});
afterAll(() => server.close());

/** A client whose entries land in an array, as the Brain's recorder would buffer them. */
function givenClient(config: LlmConfigFile, env: Record<string, string> = {}) {
  const entries: ModelCallEntry[] = [];
  const recorder: ModelCallRecorder = {
    record: (entry) => entries.push(entry),
    flush: async () => {},
    close: async () => {},
  };
  const settings = resolveLlmSettings({ retry: { base_delay_ms: 1, max_delay_ms: 2 }, ...config }, env);
  return { llm: createLlmClient({ settings, env, recorder }), entries };
}

describe('the LLM client keeps a ledger entry per attempt', () => {
  it('records an offline call with its estimated tokens, a cost of 0 and the scope it served', async () => {
    const { llm, entries } = givenClient({});
    const prompt = 'Answer the student kindly.\nWhy is the sky blue?';
    await withModelCallScope({ userId: 7, conversationId: 70, messageId: 700 }, () =>
      llm.object({ callType: 'simplified_conversation', prompt, query: 'Why is the sky blue?' }, CoachReply),
    );
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      call_type: 'simplified_conversation',
      provider: 'offline',
      model: 'offline-coach',
      input_tokens: Math.ceil(prompt.length / 4),
      outcome: 'ok',
      failure_kind: null,
      cost_usd: 0,
      user_id: 7,
      conversation_id: 70,
      message_id: 700,
      job_id: null,
    });
    expect(entry?.output_tokens).toBeGreaterThan(0);
    // the ledger holds figures, never words
    expect(JSON.stringify(entry)).not.toContain('sky');
  });

  it('records an offline call aborted during its latency as a failed call of no tokens', async () => {
    const { llm, entries } = givenClient({ offline: { latency_ms: 1_000 } });
    const signal = AbortSignal.timeout(10);
    await expect(llm.text({ callType: 'intent_gathering', prompt: 'Hello', signal })).rejects.toThrow();
    expect(entries.map((e) => [e.outcome, e.failure_kind, e.input_tokens, e.output_tokens])).toEqual([
      ['failed', 'aborted', 0, 0],
    ]);
  });

  it("records the provider's token figures and prices them from the config", async () => {
    server.script({ content: '{"response": "What do you think?"}' });
    const { llm, entries } = givenClient(
      {
        defaults: { model: 'priced-model' },
        prices: { 'priced-model': { input_usd_per_million: 2, output_usd_per_million: 10 } },
      },
      { LLM_BASE_URL: server.baseUrl },
    );
    await llm.text({ callType: 'intent_gathering', prompt: 'Hello' });
    expect(entries).toEqual([
      expect.objectContaining({
        provider: 'openai-compatible',
        model: 'priced-model',
        input_tokens: 12,
        output_tokens: 8,
        outcome: 'ok',
        cost_usd: (12 * 2 + 8 * 10) / 1_000_000,
      }),
    ]);
  });

  it('records each attempt of a retried call: the failed one with its kind, then the one that worked', async () => {
    server.script({ status: 503 }, { content: '{"response": "Hi"}' });
    const { llm, entries } = givenClient({ defaults: { model: 'unpriced-model' } }, { LLM_BASE_URL: server.baseUrl });
    const answer = await llm.text({ callType: 'intent_gathering', prompt: 'Hello' });
    expect(answer.attempts).toBe(2);
    expect(entries.map((e) => [e.outcome, e.failure_kind, e.input_tokens, e.cost_usd])).toEqual([
      ['failed', 'server', 0, null],
      ['ok', null, 12, null],
    ]);
  });
});
