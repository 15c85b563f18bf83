import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent } from '../../backend/test/harness.ts';
import { givenFlowConfig } from './given.ts';
import { startSystem, type TestSystem } from './system.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const internal = () => system.backend.internalToken;

describe('POST /query', () => {
  it('answers a turn given with string ids, and stores its reply once however often it is asked', async () => {
    await givenFlowConfig(system, { use_simplified_mode: true });
    const student = await givenStudent(system.backend, 'Asha');
    const conversationId = await givenConversation(system.backend, student);
    const message = await givenMessage(system.backend, student, conversationId, 'Why do leaves change colour?');
    const query = {
      user_id: String(student.id),
      conversation_id: String(conversationId),
      message_id: String(message.id),
      purpose: 'chat',
      message_content: message.content,
    };

    const first = await system.brainRequest('POST', '/query', { token: internal(), body: query });
    const again = await system.brainRequest('POST', '/query', { token: internal(), body: query });

    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(
      [
        'config_used',
        'final_response',
        'follow_up_questions',
        'needs_clarification',
        'partial_understanding',
        'query',
        'steps',
      ].sort(),
    );
    expect(first.body).toMatchObject({ query: 'Why do leaves change colour?', needs_clarification: false });
    expect(again.status).toBe(200);
    const stored = await system.backend.request('GET', `/api/conversations/${conversationId}/messages`, {
      token: student.token,
    });
    const replies = stored.body.messages.filter((m: { is_user: boolean }) => !m.is_user);
    expect(replies).toHaveLength(1);
    expect(replies[0].content).toBe(first.body.final_response);
  });
});

describe('the flow config routes', () => {
  it('describes the FlowConfig and its stored values', async () => {
    await givenFlowConfig(system, { use_simplified_mode: true });

    const view = await system.brainRequest('GET', '/get-config', { token: internal() });

    expect(view.status).toBe(200);
    expect(view.body.schema.properties).toHaveProperty('use_simplified_mode');
    expect(view.body.current_values.use_simplified_mode).toBe(true);
  });

  it('stores a valid FlowConfig as given', async () => {
    const config = {
      use_simplified_mode: false,
      steps: [
        {
          name: 'knowledge_retrieval',
          enabled: false,
          use_conversation_history: true,
          is_use_conversation_history_valid: true,
          is_allowed_to_change_enabled: true,
        },
      ],
    };

    const saved = await system.brainRequest('POST', '/set-config', { token: internal(), body: config });
    const view = await system.brainRequest('GET', '/get-config', { token: internal() });

    expect(saved).toEqual({ status: 200, body: { message: 'Configuration updated successfully.' } });
    expect(view.body.current_values).toEqual(config);
  });

  it('refuses an invalid FlowConfig with 422 and says why, keeping the stored one', async () => {
    await givenFlowConfig(system, { use_simplified_mode: true });

    const refused = await system.brainRequest('POST', '/set-config', {
      token: internal(),
      body: { use_simplified_mode: 'sometimes', steps: [] },
    });
    const view = await system.brainRequest('GET', '/get-config', { token: internal() });

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('use_simplified_mode');
    expect(view.body.current_values.use_simplified_mode).toBe(true);
  });
});

describe('the rest of the HTTP API', () => {
  it('answers /health without a token', async () => {
    const health = await system.brainRequest('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  });

  it('accepts a memory generation task', async () => {
    // smoke check only: memory and persona generation are tested with their own rebuild
    const accepted = await system.brainRequest('POST', '/tasks', {
      token: system.backend.adminToken,
      body: { task_type: 'GENERATE_MEMORY_BATCH', conversation_ids: [] },
    });
    expect(accepted.status).toBe(202);
  });

  it.each([
    ['GET', '/get-config', undefined],
    ['POST', '/set-config', { use_simplified_mode: true }],
    ['POST', '/query', { user_id: 1, conversation_id: 1, message_id: 1, message_content: 'hi' }],
    ['POST', '/tasks', { task_type: 'GENERATE_MEMORY_BATCH', conversation_ids: [] }],
  ])('turns away %s %s without a token and with a student token', async (method, path, body) => {
    const student = await givenStudent(system.backend, 'Bilal');

    const anonymous = await system.brainRequest(method, path, { body });
    const asStudent = await system.brainRequest(method, path, { token: student.token, body });

    expect(anonymous.status).toBe(401);
    expect(asStudent.status).toBe(401);
    expect(asStudent.body.detail).toContain('internal or admin token');
  });

  it('takes the admin token as well as the internal one', async () => {
    const asAdmin = await system.brainRequest('GET', '/get-config', { token: system.backend.adminToken });
    expect(asAdmin.status).toBe(200);
  });
});
