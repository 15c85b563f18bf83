import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudent, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

describe('health', () => {
  it('reports the database and queue as ok and the missing Brain as an error', async () => {
    const health = await backend.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', database: 'ok', queue: 'ok' });
    expect(health.body.brain).toMatch(/^error/);
  });
});

describe('OpenAPI', () => {
  it('describes the routes of the contract', async () => {
    const docs = await backend.request('GET', '/docs/json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(docs.body.paths);
    for (const path of [
      '/api/auth/login',
      '/api/conversations/{id}/messages',
      '/api/messages/{id}/response',
      '/api/internal/users/{user_id}/persona',
      '/api/feedback/',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('feedback', () => {
  it("stores a student's feedback under their own id", async () => {
    const asha = await givenStudent(backend);
    const feedback = { message_id: 7, rating: 'thumbs_up', comment: 'Nice question!' };
    const response = await backend.request('POST', '/api/feedback/', {
      token: asha.token,
      body: { feedback_data: feedback, user_id: 999_999 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      user_id: asha.id,
      feedback_data: feedback,
      created_at: expect.any(String),
    });
  });

  it('refuses feedback_data that is not an object with 422', async () => {
    const asha = await givenStudent(backend);
    for (const feedback_data of ['great', ['great'], 5]) {
      const response = await backend.request('POST', '/api/feedback/', { token: asha.token, body: { feedback_data } });
      expect(response.status, JSON.stringify(feedback_data)).toBe(422);
      expect(response.body.detail).toMatch(/feedback_data/);
    }
  });

  it('refuses feedback PostgreSQL cannot store (a NUL character) with 422', async () => {
    const asha = await givenStudent(backend);
    const response = await backend.request('POST', '/api/feedback/', {
      token: asha.token,
      body: { feedback_data: { comment: 'a\u0000b' } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/NUL/);
  });

  it('needs a student token', async () => {
    const body = { feedback_data: { rating: 'thumbs_up' } };
    expect((await backend.request('POST', '/api/feedback/', { body })).status).toBe(401);
    expect((await backend.request('POST', '/api/feedback/', { token: backend.adminToken, body })).status).toBe(403);
  });
});

describe('malformed requests', () => {
  it('answers 400 with a detail for a body that is not JSON', async () => {
    const response = await backend.request('POST', '/api/auth/login', { rawBody: '{"identifier": "Asha"' });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/JSON/);
  });

  it('answers 404 with a JSON detail for an unknown route', async () => {
    const response = await backend.request('GET', '/api/no-such-thing?x=1');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.body.detail).toBe('No route for GET /api/no-such-thing.');
  });

  it('answers 413 with a detail for a body over the limit', async () => {
    const small = await startBackend({ bodyLimitBytes: 1024 });
    try {
      const response = await small.request('POST', '/api/auth/login', { body: { identifier: 'x'.repeat(2000) } });
      expect(response.status).toBe(413);
      expect(response.body.detail).toMatch(/too large/);
    } finally {
      await small.close();
    }
  }, 90_000); // starts a Backend of its own: slow on a busy machine
});

describe('request ids', () => {
  it('gives every response an x-request-id', async () => {
    const asha = await givenStudent(backend);
    const responses = await Promise.all([
      backend.request('GET', '/api/health'),
      backend.request('GET', '/api/conversations', { token: asha.token }),
      backend.request('GET', '/api/conversations'),
      backend.request('GET', '/api/nowhere'),
      backend.request('POST', '/api/auth/login', { rawBody: 'not json' }),
    ]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes the x-request-id the caller sent', async () => {
    const response = await backend.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
  });
});
