import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

describe('conversations', () => {
  it('creates a conversation titled "New Chat" by default and lists it', async () => {
    const asha = await givenStudent(backend);
    const created = await backend.request('POST', '/api/conversations', { token: asha.token, body: {} });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user_id: asha.id, title: 'New Chat' });
    const list = await backend.request('GET', '/api/conversations', { token: asha.token });
    expect(list.body).toEqual([{ id: created.body.id, title: 'New Chat', updated_at: created.body.updated_at }]);
  });

  it("hides another student's conversation behind a 404", async () => {
    const asha = await givenStudent(backend);
    const ravi = await givenStudent(backend, 'Ravi');
    const id = await givenConversation(backend, asha);
    for (const [method, path, body] of [
      ['GET', `/api/conversations/${id}`, undefined],
      ['PUT', `/api/conversations/${id}/title`, { title: 'mine now' }],
      ['DELETE', `/api/conversations/${id}`, undefined],
      ['GET', `/api/conversations/${id}/messages`, undefined],
      ['POST', `/api/conversations/${id}/messages`, { content: 'hi' }],
    ] as const) {
      const response = await backend.request(method, path, { token: ravi.token, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.detail).toBe(`Conversation ${id} not found.`);
    }
    const still = await backend.request('GET', `/api/conversations/${id}`, { token: asha.token });
    expect(still.body.title).toBe('New Chat');
  });

  it('moves updated_at forward when a message is added and lists newest first', async () => {
    const asha = await givenStudent(backend);
    const older = await givenConversation(backend, asha, 'older');
    const newer = await givenConversation(backend, asha, 'newer');
    const before = (await backend.request('GET', `/api/conversations/${older}`, { token: asha.token })).body.updated_at;
    await givenMessage(backend, asha, older);
    const after = (await backend.request('GET', `/api/conversations/${older}`, { token: asha.token })).body.updated_at;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    const list = await backend.request('GET', '/api/conversations', { token: asha.token });
    expect(list.body.map((c: { id: number }) => c.id)).toEqual([older, newer]);
  });

  it('renames, and refuses an empty title with 422', async () => {
    const asha = await givenStudent(backend);
    const id = await givenConversation(backend, asha);
    const renamed = await backend.request('PUT', `/api/conversations/${id}/title`, {
      token: asha.token,
      body: { title: 'Volcanoes' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Volcanoes');
    const empty = await backend.request('PUT', `/api/conversations/${id}/title`, {
      token: asha.token,
      body: { title: '  ' },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.detail).toContain('title');
  });

  it('deletes a conversation with its messages', async () => {
    const asha = await givenStudent(backend);
    const id = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, id);
    expect((await backend.request('DELETE', `/api/conversations/${id}`, { token: asha.token })).status).toBe(204);
    expect((await backend.request('GET', `/api/conversations/${id}`, { token: asha.token })).status).toBe(404);
    expect((await backend.request('GET', `/api/messages/${message.id}/response`, { token: asha.token })).status).toBe(
      404,
    );
  });

  it('answers 422 for a non-integer id and 401 without a token', async () => {
    const asha = await givenStudent(backend);
    const bad = await backend.request('GET', '/api/conversations/abc', { token: asha.token });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('params.id');
    const anonymous = await backend.request('GET', '/api/conversations');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toMatch(/Bearer/);
  });
});
