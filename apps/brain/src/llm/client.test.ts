import { ConversationMemoryData, UserPersonaData } from '@coach/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../test/openai-test-server.ts';
import { createLlmClient, type LlmClient } from './client.ts';
import { type CallSettingsFile, type Env, resolveLlmSettings } from './config.ts';
import { LlmCallError } from './errors.ts';

let server: OpenAiTestServer;

beforeAll(async () => {
  server = await startOpenAiTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** A client whose every call type goes to the test server, with fast backoff so retries are quick. */
function givenClient(env: Env, defaults: CallSettingsFile = {}) {
  const warn = vi.fn();
  const settings = resolveLlmSettings(
    {
      defaults: {
        model: 'test-model',
        temperature: 0.5,
        max_tokens: 300,
        timeout_ms: 2_000,
        max_retries: 2,
        ...defaults,
      },
      retry: { base_delay_ms: 5, max_delay_ms: 20 },
    },
    env,
  );
  const llm: LlmClient = createLlmClient({ settings, env, logger: { warn } as never });
  return { llm, warn };
}

const compatible = () => ({ LLM_BASE_URL: server.baseUrl, LLM_API_KEY: 'local-key' });

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

const memoryJson = JSON.stringify({
  main_topics: ['volcanoes', 'lava'],
  action: ['Asked why volcanoes erupt'],
  typical_observation: 'Asks follow-up questions.',
});

describe('openai-compatible provider (LLM_BASE_URL) against a local OpenAI-style server', () => {
  it('returns the reply and sends model, temperature, token limit, system and prompt', async () => {
    server.script({ content: '{"response": "What do you think makes the sky blue?"}' });
    const { llm } = givenClient(compatible());

    const reply = await llm.text({ callType: 'simplified_conversation', system: 'Be Socratic.', prompt: 'Why?' });

    expect(reply).toEqual({
      text: '{"response": "What do you think makes the sky blue?"}',
      provider: 'openai-compatible',
      model: 'test-model',
      attempts: 1,
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer local-key');
    expect(request?.body).toMatchObject({
      model: 'test-model',
      temperature: 0.5,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'Be Socratic.' },
        { role: 'user', content: 'Why?' },
      ],
    });
  });

  it('asks for a JSON schema and returns the parsed memory', async () => {
    server.script({ content: memoryJson });
    const { llm } = givenClient(compatible());

    const memory = await llm.object({ callType: 'memory_generation', prompt: 'Transcript…' }, ConversationMemoryData);

    expect(memory.main_topics).toEqual(['volcanoes', 'lava']);
    const format = server.requests[0]?.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('memory_generation');
    // an object at the root, references inlined: what OpenAI and small local servers accept
    expect(format.json_schema.schema).toMatchObject({
      type: 'object',
      required: ['main_topics', 'action', 'typical_observation'],
    });
    expect(JSON.stringify(format.json_schema.schema)).not.toContain('$ref');
  });

  it('accepts a persona without its optional fields', async () => {
    server.script({ content: '{"persona": "A curious learner."}' });
    const { llm } = givenClient(compatible());

    const persona = await llm.object({ callType: 'user_persona_generation', prompt: 'Memories…' }, UserPersonaData);

    expect(persona).toEqual({ persona: 'A curious learner.' });
  });

  it('rejects JSON that breaks the schema as invalid output, without retrying', async () => {
    server.script({ content: '{"main_topics": "volcanoes", "action": []}' });
    const { llm } = givenClient(compatible());

    const error = await failure(llm.object({ callType: 'memory_generation', prompt: 'x' }, ConversationMemoryData));

    expect(error.kind).toBe('invalid_output');
    expect(error.message).toMatch(/memory_generation \(openai-compatible test-model\): the model's output is unusable/);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a structured answer that is prose, not JSON', async () => {
    server.script({ content: 'Sure! The student talked about volcanoes.' });
    const { llm } = givenClient(compatible());

    const error = await failure(llm.object({ callType: 'memory_generation', prompt: 'x' }, ConversationMemoryData));

    expect(error.kind).toBe('invalid_output');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a malformed response body without retrying', async () => {
    server.script({ rawBody: '{"choices": [ this is not json' });
    const { llm } = givenClient(compatible());

    const error = await failure(llm.text({ callType: 'simplified_conversation', prompt: 'x' }));

    expect(error.kind).toBe('invalid_output');
    expect(server.requests).toHaveLength(1);
  });

  it('retries an answer whose connection drops half-way, as a network failure', async () => {
    server.script({ cutOff: 'This answer never arrives whole.' }, { content: 'Second time lucky?' });
    const { llm, warn } = givenClient(compatible());

    const reply = await llm.text({ callType: 'simplified_conversation', prompt: 'x' });

    expect(reply.text).toBe('Second time lucky?');
    expect(server.requests).toHaveLength(2);
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ kind: 'network' });
  });

  it('treats an empty reply as invalid output', async () => {
    server.script({ content: '   ' });
    const { llm } = givenClient(compatible());

    const error = await failure(llm.text({ callType: 'simplified_conversation', prompt: 'x' }));

    expect(error.kind).toBe('invalid_output');
    expect(error.message).toContain('empty reply');
  });

  it('retries after HTTP 500 and succeeds on the second request', async () => {
    server.script({ status: 500 }, { content: 'Second time lucky?' });
    const { llm, warn } = givenClient(compatible());

    const reply = await llm.text({ callType: 'simplified_conversation', prompt: 'x' });

    expect(reply.text).toBe('Second time lucky?');
    expect(reply.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ kind: 'server', status: 500 });
  });

  it('retries after HTTP 429 and succeeds', async () => {
    server.script({ status: 429, headers: { 'retry-after': '0' } }, { content: memoryJson });
    const { llm } = givenClient(compatible());

    const memory = await llm.object({ callType: 'memory_generation', prompt: 'x' }, ConversationMemoryData);

    expect(memory.action).toEqual(['Asked why volcanoes erupt']);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after max_retries when the server keeps failing', async () => {
    server.script({ status: 503 });
    const { llm } = givenClient(compatible(), { max_retries: 2 });

    const error = await failure(llm.text({ callType: 'intent_gathering', prompt: 'x' }));

    expect(error).toMatchObject({ kind: 'server', status: 503, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 401', async () => {
    server.script({ status: 401, message: 'Incorrect API key provided' });
    const { llm } = givenClient(compatible());

    const error = await failure(llm.text({ callType: 'simplified_conversation', prompt: 'x' }));

    expect(error).toMatchObject({ kind: 'auth', status: 401, attempts: 1 });
    expect(error.message).toContain('Incorrect API key provided');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 400', async () => {
    server.script({ status: 400, message: 'context length exceeded' });
    const { llm } = givenClient(compatible());

    const error = await failure(llm.text({ callType: 'simplified_conversation', prompt: 'x' }));

    expect(error.kind).toBe('bad_request');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a server that never answers after the configured timeout, once per attempt', async () => {
    server.script('hang');
    const { llm } = givenClient(compatible(), { timeout_ms: 200, max_retries: 1 });
    const started = performance.now();

    const error = await failure(llm.text({ callType: 'simplified_conversation', prompt: 'x' }));

    expect(error).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(error.message).toContain('no answer within 200 ms');
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("stops at once, without retrying, when the caller's signal aborts", async () => {
    server.script('hang');
    const { llm } = givenClient(compatible());

    const error = await failure(
      llm.text({ callType: 'simplified_conversation', prompt: 'x', signal: AbortSignal.timeout(50) }),
    );

    expect(error.kind).toBe('aborted');
    expect(server.requests).toHaveLength(1);
  });

  it('retries when the server cannot be reached', async () => {
    const gone = await startOpenAiTestServer();
    await gone.close();
    const { llm } = givenClient({ LLM_BASE_URL: gone.baseUrl }, { max_retries: 1 });

    const error = await failure(llm.text({ callType: 'simplified_conversation', prompt: 'x' }));

    expect(error).toMatchObject({ kind: 'network', attempts: 2 });
  });
});

describe('openai provider pointed at the local server', () => {
  const openai = () => ({ OPENAI_API_KEY: 'sk-test' });

  it('uses the Responses API and returns the reply', async () => {
    server.script({ content: 'What do you notice about the moon tonight?' });
    const { llm } = givenClient(openai(), { base_url: server.baseUrl });

    const reply = await llm.text({ callType: 'follow_up_response', system: 'Be kind.', prompt: 'The moon is big' });

    expect(reply.text).toBe('What do you notice about the moon tonight?');
    expect(reply.provider).toBe('openai');
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/responses');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({ model: 'test-model', temperature: 0.5, max_output_tokens: 300 });
    expect(JSON.stringify(request?.body.input)).toContain('The moon is big');
  });

  it('sends the memory schema as a non-strict JSON schema and parses the answer', async () => {
    server.script({ content: memoryJson });
    const { llm } = givenClient(openai(), { base_url: server.baseUrl });

    const memory = await llm.object({ callType: 'memory_generation', prompt: 'x' }, ConversationMemoryData);

    expect(memory.typical_observation).toBe('Asks follow-up questions.');
    expect(server.requests[0]?.body.text.format).toMatchObject({
      type: 'json_schema',
      strict: false,
      schema: { type: 'object', properties: { main_topics: { type: 'array' } } },
    });
  });

  it('retries a 500 on the Responses API too', async () => {
    server.script({ status: 500 }, { content: 'ok?' });
    const { llm } = givenClient(openai(), { base_url: server.baseUrl });

    expect((await llm.text({ callType: 'simplified_conversation', prompt: 'x' })).attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe('groq provider pointed at the local server', () => {
  it('speaks Chat Completions with the GROQ_API_KEY', async () => {
    server.script({ content: 'Why do you think leaves change colour?' });
    const { llm } = givenClient({ GROQ_API_KEY: 'gsk-test' }, { base_url: server.baseUrl });

    const reply = await llm.text({ callType: 'simplified_conversation', prompt: 'autumn' });

    expect(reply).toMatchObject({ provider: 'groq', text: 'Why do you think leaves change colour?' });
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer gsk-test');
  });
});
