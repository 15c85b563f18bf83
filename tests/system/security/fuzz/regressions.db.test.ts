import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  givenConversation,
  givenStudent,
  type Student,
  startBackend,
  type TestBackend,
} from '../../../../apps/backend/test/harness.ts';
import { writeFingerprint } from './writes.ts';

// Each case here is one the fuzzer found answered with a 5xx, or with a 4xx without a `detail`.

let backend: TestBackend;
let student: Student;
let conversationId: number;
beforeAll(async () => {
  backend = await startBackend();
  student = await givenStudent(backend, 'Regress');
  conversationId = await givenConversation(backend, student);
});
afterAll(() => backend?.close());

/** Sends the body as written (JSON escapes such as `\ud800` reach the server as they are). */
async function sendRaw(method: string, path: string, rawBody: string, token = student.token) {
  const before = await writeFingerprint(backend.database.db);
  const response = await backend.request(method, path, { token, rawBody });
  expect(await writeFingerprint(backend.database.db), 'a refused request writes nothing').toEqual(before);
  return response;
}

describe('JSON PostgreSQL cannot store', () => {
  it('refuses feedback with an unpaired surrogate in a value with 422 (was 500)', async () => {
    const response = await sendRaw('POST', '/api/feedback/', '{"feedback_data":{"comment":"hi \\udc00"}}');
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe('body: text must not contain unpaired surrogates (\\uD800–\\uDFFF)');
  });

  it('refuses a memory with an unpaired surrogate in a key with 422 (was 500)', async () => {
    const body = `{"conversation_id":${conversationId},"memory_data":{"\\ud800":["volcanoes"]}}`;
    const response = await sendRaw('POST', '/api/memories', body, backend.adminToken);
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('unpaired surrogates');
  });

  it('refuses a message with an unpaired surrogate with 422 instead of storing U+FFFD in its place', async () => {
    const response = await sendRaw(
      'POST',
      `/api/conversations/${conversationId}/messages`,
      '{"content":"why \\ud83d?","purpose":"test"}',
    );
    expect(response.status).toBe(422);
  });

  it('refuses a memory nested 10 000 levels deep with 422 (was 500: the serializer ran out of stack)', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const body = `{"conversation_id":${conversationId},"memory_data":${deep}}`;
    const response = await sendRaw('POST', '/api/memories', body, backend.adminToken);
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe('body: must not nest deeper than 64 levels');
  });

  it('still stores a well-formed emoji (a surrogate pair) and shallow nesting', async () => {
    const response = await backend.request('POST', '/api/feedback/', {
      token: student.token,
      body: { feedback_data: { comment: 'great 💥', nested: { a: { b: [1, [2]] } } } },
    });
    expect(response.status).toBe(200);
    expect(response.body.feedback_data.comment).toBe('great 💥');
  });
});

describe('URLs Fastify cannot route', () => {
  it('answers a path with broken percent-encoding with 400 and a detail (was Fastify’s own body)', async () => {
    const response = await backend.request('GET', '/api/conversations/%ED%A0%80', { token: student.token });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ detail: 'The URL is not valid: part of it is not correctly percent-encoded.' });
  });

  it('answers a path id over 100 characters with 414 and a detail', async () => {
    const response = await backend.request('POST', `/api/conversations/${'1'.repeat(101)}/messages`, {
      token: student.token,
      body: { content: 'hi' },
    });
    expect(response.status).toBe(414);
    expect(response.body).toEqual({ detail: 'Part of the URL is too long.' });
  });

  it('answers a request line over the header limit with 431 and a detail', async () => {
    const response = await fetch(`${backend.url}/api/conversations?query=${'a'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({ detail: 'The request line or headers are too large.' });
  });
});
