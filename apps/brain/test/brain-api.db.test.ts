import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent } from '../../backend/test/harness.ts';
import { givenClarificationAsked, givenFlowConfig } from './given.ts';
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

describe('POST /query, a follow-up', () => {
  it("answers what the coach's last message asked when the caller only says it is a follow-up", async () => {
    await givenFlowConfig(system, { use_simplified_mode: true });
    const student = await givenStudent(system.backend, 'Noor');
    const conversationId = await givenConversation(system.backend, student);
    await givenClarificationAsked(system, student, conversationId, {
      question: 'How do they fly?',
      followUpQuestions: ['Birds or planes?'],
    });
    const message = await givenMessage(system.backend, student, conversationId, 'Birds');

    const answered = await system.brainRequest('POST', '/query', {
      token: internal(),
      body: {
        user_id: student.id,
        conversation_id: conversationId,
        message_id: message.id,
        message_content: 'Birds',
        is_follow_up_response: true,
      },
    });

    expect(answered.status).toBe(200);
    expect(answered.body.steps[0]).toMatchObject({ name: 'follow_up_response' });
    expect(answered.body.steps[0].prompt).toContain('Earlier the student asked: "How do they fly?"');
    expect(answered.body.steps[0].prompt).toContain('You asked them: Birds or planes?');
  });
});

describe('POST /query, as the original callers send it', () => {
  async function givenTurn(name: string) {
    const student = await givenStudent(system.backend, name);
    const conversationId = await givenConversation(system.backend, student);
    const message = await givenMessage(system.backend, student, conversationId, 'How far away is the Moon?');
    return { user_id: String(student.id), conversation_id: conversationId, message_id: String(message.id) };
  }

  it.each([
    ["epoch seconds with a fraction (Python's time.time())", 1718000000.25],
    ['epoch seconds as a whole number', 1718000000],
    ['an ISO-8601 string', '2024-06-10T06:13:20.250Z'],
    ['an ISO-8601 string without an offset (Python isoformat)', '2024-06-10T06:13:20.250000'],
  ])('takes the timestamp as %s', async (_how, timestamp) => {
    await givenFlowConfig(system, { use_simplified_mode: true });
    const ids = await givenTurn('Ira');

    const answered = await system.brainRequest('POST', '/query', {
      token: internal(),
      body: { ...ids, purpose: 'chat', message_content: 'How far away is the Moon?', timestamp },
    });

    expect(answered.status).toBe(200);
    expect(answered.body.query).toBe('How far away is the Moon?');
  });

  it.each([
    ['a word', 'yesterday'],
    ['a boolean', true],
    ['a negative number', -5],
  ])('refuses a timestamp that is %s with 422', async (_how, timestamp) => {
    const refused = await system.brainRequest('POST', '/query', {
      token: internal(),
      body: { user_id: 1, conversation_id: 1, message_id: 1, message_content: 'hi', timestamp },
    });

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('body.timestamp: must be epoch seconds (a number) or an ISO-8601 date and time');
  });

  it.each([
    ['true', true],
    ['a fraction in a string', '1.5'],
    ['a list', [1]],
  ])('refuses an id given as %s with 422: only integers and strings of digits are ids', async (_how, userId) => {
    const refused = await system.brainRequest('POST', '/query', {
      token: internal(),
      body: { user_id: userId, conversation_id: 1, message_id: 1, message_content: 'hi' },
    });

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('body.user_id: must be an integer id, or a string of its digits');
  });

  it('describes both forms of the timestamp and of the ids in its OpenAPI description', async () => {
    const openapi = await system.brainRequest('GET', '/docs/json');

    const query = openapi.body.paths['/query'].post.requestBody.content['application/json'].schema;
    expect(query.properties.timestamp.description).toContain('epoch seconds');
    expect(query.properties.timestamp.anyOf.map((form: { type: string }) => form.type).sort()).toEqual([
      'number',
      'string',
    ]);
    expect(query.properties.user_id.anyOf.map((form: { type: string }) => form.type).sort()).toEqual([
      'integer',
      'string',
    ]);
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

  it('refuses a step name with a NUL character with 422 and says so, keeping the stored one', async () => {
    await givenFlowConfig(system, { use_simplified_mode: true });

    const refused = await system.brainRequest('POST', '/set-config', {
      token: internal(),
      body: { use_simplified_mode: false, steps: [{ name: 'knowledge\u0000retrieval' }] },
    });
    const view = await system.brainRequest('GET', '/get-config', { token: internal() });

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('body.steps.0.name: Text must not contain the NUL character (U+0000).');
    expect(view.body.current_values.use_simplified_mode).toBe(true);
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

  it.each([
    ['user_id: true', { task_type: 'USER_PERSONA_GENERATION', user_id: true }],
    ['user_id as a string', { task_type: 'USER_PERSONA_GENERATION', user_id: '1' }],
    ['conversation_ids holding false', { task_type: 'GENERATE_MEMORY_BATCH', conversation_ids: [false] }],
  ])('refuses a task with %s (422): JSON types are strict', async (_how, body) => {
    const refused = await system.brainRequest('POST', '/tasks?wait=true', { token: internal(), body });

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('must be an integer id');
  });

  it('takes the admin token as well as the internal one', async () => {
    const asAdmin = await system.brainRequest('GET', '/get-config', { token: system.backend.adminToken });
    expect(asAdmin.status).toBe(200);
  });
});
