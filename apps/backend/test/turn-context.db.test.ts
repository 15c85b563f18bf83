import { DEFAULT_FLOW_CONFIG, TurnContextRecord } from '@coach/core';
import { afterAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent, startBackend } from './harness.ts';

const backend = await startBackend();
afterAll(() => backend.close());

const internal = { token: backend.internalToken };

describe('GET /api/internal/conversations/{id}/turn_context', () => {
  it("answers a new student's turn with no persona, no memory, the messages and the defaults", async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    await givenMessage(backend, asha, conversationId, 'Why do cats purr?');
    const context = await backend.request(
      'GET',
      `/api/internal/conversations/${conversationId}/turn_context?purpose=chat`,
      internal,
    );
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({
      user_id: asha.id,
      persona: null,
      memory: null,
      messages: [{ content: 'Why do cats purr?', is_user: true }],
      flow_config: DEFAULT_FLOW_CONFIG,
    });
  });

  it('carries the persona and the memory as their internal routes answer them', async () => {
    const ravi = await givenStudent(backend, 'Ravi');
    const conversationId = await givenConversation(backend, ravi);
    await givenMessage(backend, ravi, conversationId, 'Tell me about volcanoes');
    const persona = await backend.request('POST', '/api/user-personas', {
      ...internal,
      body: { user_id: ravi.id, persona_data: { persona: 'Loves rocks and asks why.' } },
    });
    const memory = await backend.request('POST', '/api/memories', {
      ...internal,
      body: { conversation_id: conversationId, memory_data: { main_topics: ['volcanoes'] } },
    });
    const context = await backend.request(
      'GET',
      `/api/internal/conversations/${conversationId}/turn_context?purpose=test-prompt`,
      internal,
    );
    expect(context.status).toBe(200);
    expect(context.body.persona).toEqual(persona.body);
    expect(context.body.memory).toEqual(memory.body);
  });

  it("carries a coach message's clarification on its record, where the Brain's follow-up path reads it", async () => {
    const asha = await givenStudent(backend, 'Tara');
    const conversationId = await givenConversation(backend, asha);
    const question = await givenMessage(backend, asha, conversationId, 'How does it work?');
    const clarification = {
      needs_clarification: true,
      follow_up_questions: ['A volcano or a rainbow?'],
      original_query: 'How does it work?',
    };
    await backend.request('POST', '/api/internal/brain_response', {
      ...internal,
      body: {
        user_id: asha.id,
        conversation_id: conversationId,
        original_message_id: question.id,
        llm_response: 'A volcano or a rainbow?',
        pipeline_data: { steps: [] },
        ...clarification,
      },
    });
    const context = await backend.request(
      'GET',
      `/api/internal/conversations/${conversationId}/turn_context?purpose=chat`,
      internal,
    );
    expect(TurnContextRecord.parse(context.body).messages).toEqual([
      { id: question.id, content: 'How does it work?', is_user: true, timestamp: expect.any(String) },
      {
        id: expect.any(Number),
        content: 'A volcano or a rainbow?',
        is_user: false,
        timestamp: expect.any(String),
        ...clarification,
      },
    ]);
  });

  it('answers 404 for an unknown conversation and 422 for a purpose other than chat or test-prompt', async () => {
    const missing = await backend.request(
      'GET',
      '/api/internal/conversations/999999/turn_context?purpose=chat',
      internal,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/not found/);
    const asha = await givenStudent(backend, 'Mira');
    const conversationId = await givenConversation(backend, asha);
    for (const query of ['?purpose=test', '']) {
      const refused = await backend.request(
        'GET',
        `/api/internal/conversations/${conversationId}/turn_context${query}`,
        internal,
      );
      expect(refused.status, query).toBe(422);
      expect(refused.body.detail).toMatch(/purpose/);
    }
  });
});
