import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const MEMORY = { main_topics: ['volcanoes'], action: ['asked how lava forms'], typical_observation: 'curious' };
const PERSONA = { persona: 'A curious student who likes earth science.', inferred_interests: ['volcanoes'] };

function upsertMemory(body: unknown, token = backend.internalToken) {
  return backend.request('POST', '/api/memories', { token, body });
}

function upsertPersona(body: unknown, token = backend.internalToken) {
  return backend.request('POST', '/api/user-personas', { token, body });
}

describe('conversation memories', () => {
  it('creates a memory and updates the same row in place', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const created = await upsertMemory({ conversation_id: conversationId, memory_data: MEMORY });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(Number),
      conversation_id: conversationId,
      memory_data: MEMORY,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    await sleep(5);
    const changed = { ...MEMORY, main_topics: ['volcanoes', 'earthquakes'] };
    const updated = await upsertMemory({ conversation_id: conversationId, memory_data: changed }, backend.adminToken);
    expect(updated.status).toBe(200);
    expect(updated.body.id).toBe(created.body.id);
    expect(updated.body.memory_data).toEqual(changed);
    expect(updated.body.created_at).toBe(created.body.created_at);
    expect(Date.parse(updated.body.updated_at)).toBeGreaterThan(Date.parse(created.body.updated_at));
  });

  it('answers 404 for a memory of a conversation that does not exist', async () => {
    const response = await upsertMemory({ conversation_id: 999_999, memory_data: MEMORY });
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('Conversation 999999 not found.');
  });

  const badBodies: Array<[string, unknown, RegExp]> = [
    ['memory_data that is an array', { memory_data: ['volcanoes'] }, /memory_data/],
    ['memory_data that is a string', { memory_data: 'volcanoes' }, /memory_data/],
    ['no memory_data', {}, /memory_data/],
    ['memory_data with a NUL character', { memory_data: { typical_observation: 'a\u0000b' } }, /NUL/],
  ];
  for (const [what, body, detail] of badBodies) {
    it(`refuses ${what} with 422 and stores nothing`, async () => {
      const asha = await givenStudent(backend);
      const conversationId = await givenConversation(backend, asha);
      const response = await upsertMemory({ conversation_id: conversationId, ...(body as object) });
      expect(response.status).toBe(422);
      expect(response.body.detail).toMatch(detail);
      const stored = await backend.request('GET', `/api/internal/conversations/${conversationId}/memory`, {
        token: backend.internalToken,
      });
      expect(stored.status).toBe(404);
    });
  }

  it.each([
    ['true', true],
    ['a string of digits', '1'],
  ])('refuses conversation_id given as %s with 422: JSON types are strict', async (_how, conversationId) => {
    const response = await upsertMemory({ conversation_id: conversationId, memory_data: MEMORY });

    expect(response.status).toBe(422);
    expect(response.body.detail).toBe('body.conversation_id: must be an integer id');
  });

  it('refuses a memory without conversation_id with 422', async () => {
    const response = await upsertMemory({ memory_data: MEMORY });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/conversation_id/);
  });

  it("shows a student their conversation's memory_data once there is one", async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const path = `/api/conversations/${conversationId}/memory`;
    const before = await backend.request('GET', path, { token: asha.token });
    expect(before.status).toBe(404);
    expect(before.body.detail).toMatch(/no memory/);
    await upsertMemory({ conversation_id: conversationId, memory_data: MEMORY });
    const after = await backend.request('GET', path, { token: asha.token });
    expect(after.status).toBe(200);
    expect(after.body).toEqual(MEMORY);
    const ravi = await givenStudent(backend, 'Ravi');
    expect((await backend.request('GET', path, { token: ravi.token })).status).toBe(404);
  });

  it('gives the Brain the whole memory record of a conversation', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const path = `/api/internal/conversations/${conversationId}/memory`;
    expect((await backend.request('GET', path, { token: backend.internalToken })).status).toBe(404);
    const saved = await upsertMemory({ conversation_id: conversationId, memory_data: MEMORY });
    const memory = await backend.request('GET', path, { token: backend.internalToken });
    expect(memory.status).toBe(200);
    expect(memory.body).toEqual(saved.body);
  });

  it("lists a student's memories for the Brain, empty when there are none", async () => {
    const asha = await givenStudent(backend);
    const path = `/api/internal/users/${asha.id}/memories`;
    const none = await backend.request('GET', path, { token: backend.internalToken });
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);

    const first = await givenConversation(backend, asha);
    const second = await givenConversation(backend, asha);
    await givenConversation(backend, asha);
    await upsertMemory({ conversation_id: second, memory_data: { ...MEMORY, typical_observation: 'second' } });
    await upsertMemory({ conversation_id: first, memory_data: MEMORY });
    const ravi = await givenStudent(backend, 'Ravi');
    await upsertMemory({ conversation_id: await givenConversation(backend, ravi), memory_data: MEMORY });

    const listed = await backend.request('GET', path, { token: backend.internalToken });
    expect(listed.status).toBe(200);
    expect(listed.body.map((m: { conversation_id: number }) => m.conversation_id)).toEqual([first, second]);
    expect(listed.body[1].memory_data.typical_observation).toBe('second');
  });
});

describe('user personas', () => {
  it('creates a persona and updates the same row in place', async () => {
    const asha = await givenStudent(backend);
    const created = await upsertPersona({ user_id: asha.id, persona_data: PERSONA });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(Number),
      user_id: asha.id,
      persona_data: PERSONA,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    await sleep(5);
    const updated = await upsertPersona({ user_id: asha.id, persona_data: { persona: 'Now into space.' } });
    expect(updated.body.id).toBe(created.body.id);
    expect(updated.body.persona_data).toEqual({ persona: 'Now into space.' });
    expect(updated.body.created_at).toBe(created.body.created_at);
    expect(Date.parse(updated.body.updated_at)).toBeGreaterThan(Date.parse(created.body.updated_at));
  });

  it('answers 404 for a persona of a user who does not exist', async () => {
    const response = await upsertPersona({ user_id: 999_999, persona_data: PERSONA });
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('User 999999 not found.');
  });

  it('refuses user_id: true with 422 instead of taking it as user 1 (JSON types are strict)', async () => {
    for (const userId of [true, false, '1', [1]]) {
      const response = await upsertPersona({ user_id: userId, persona_data: PERSONA });

      expect(response.status, JSON.stringify(userId)).toBe(422);
      expect(response.body.detail).toBe('body.user_id: must be an integer id');
    }
    const first = await backend.request('GET', '/api/internal/users/1/persona', { token: backend.internalToken });
    expect(first.body?.persona_data).not.toEqual(PERSONA);
  });

  it('refuses persona_data that is not an object with 422', async () => {
    const asha = await givenStudent(backend);
    for (const persona_data of [['curious'], 'curious', null]) {
      const response = await upsertPersona({ user_id: asha.id, persona_data });
      expect(response.status, JSON.stringify(persona_data)).toBe(422);
      expect(response.body.detail).toMatch(/persona_data/);
    }
  });

  // the Brain reads a student's persona through this route
  it("gives the Brain a student's persona record, and 404 before there is one", async () => {
    const asha = await givenStudent(backend);
    const path = `/api/internal/users/${asha.id}/persona`;
    const before = await backend.request('GET', path, { token: backend.internalToken });
    expect(before.status).toBe(404);
    expect(before.body.detail).toEqual(expect.any(String));

    const saved = await upsertPersona({ user_id: asha.id, persona_data: PERSONA });
    const persona = await backend.request('GET', path, { token: backend.internalToken });
    expect(persona.status).toBe(200);
    expect(Object.keys(persona.body).sort()).toEqual(['created_at', 'id', 'persona_data', 'updated_at', 'user_id']);
    expect(persona.body).toEqual(saved.body);
    expect((await backend.request('GET', path, { token: backend.adminToken })).body).toEqual(saved.body);
  });

  it('answers 422 for a user id that is not an integer', async () => {
    const response = await backend.request('GET', '/api/internal/users/asha/persona', {
      token: backend.internalToken,
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('params.user_id');
  });
});

describe('who may read and write memories and personas', () => {
  it('refuses students with 403 and anonymous callers with 401', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const calls: Array<[string, string, unknown]> = [
      ['POST', '/api/memories', { conversation_id: conversationId, memory_data: MEMORY }],
      ['POST', '/api/user-personas', { user_id: asha.id, persona_data: PERSONA }],
      ['GET', `/api/internal/conversations/${conversationId}/memory`, undefined],
      ['GET', `/api/internal/users/${asha.id}/memories`, undefined],
      ['GET', `/api/internal/users/${asha.id}/persona`, undefined],
    ];
    for (const [method, path, body] of calls) {
      const asStudent = await backend.request(method, path, { token: asha.token, body });
      expect(asStudent.status, `${method} ${path} as a student`).toBe(403);
      expect(asStudent.body.detail).toMatch(/token/);
      const anonymous = await backend.request(method, path, { body });
      expect(anonymous.status, `${method} ${path} without a token`).toBe(401);
    }
    const memory = await backend.request('GET', `/api/internal/conversations/${conversationId}/memory`, {
      token: backend.internalToken,
    });
    expect(memory.status).toBe(404);
    const persona = await backend.request('GET', `/api/internal/users/${asha.id}/persona`, {
      token: backend.internalToken,
    });
    expect(persona.status).toBe(404);
  });
});
