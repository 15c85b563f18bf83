import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudent, type Student, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

let seq = 0;
const freshStudent = (b = backend) => givenStudent(b, `Fix${Date.now() % 1e7}${seq++}`);

const admin = (method: string, path: string, body?: unknown) =>
  backend.request(method, path, { token: backend.adminToken, body });

function correct(student: Student, body: unknown, b = backend) {
  return b.request('POST', '/api/me/persona/corrections', { token: student.token, body });
}

describe('what the coach knows about me', () => {
  it('is 404 before the coach has written anything, then the approved persona only', async () => {
    const asha = await freshStudent();
    const none = await backend.request('GET', '/api/me/persona', { token: asha.token });
    expect(none.status).toBe(404);
    expect(none.body.detail).toBe('The coach has not written anything about you yet.');

    const approved = { persona: 'A curious student.', inferred_interests: ['volcanoes'] };
    await backend.request('POST', `/api/internal/users/${asha.id}/persona-revisions`, {
      token: backend.internalToken,
      body: { persona_data: approved },
    });
    await admin('PATCH', '/api/admin/settings', { persona_review: 'all' });
    try {
      const pending = await backend.request('POST', `/api/internal/users/${asha.id}/persona-revisions`, {
        token: backend.internalToken,
        body: { persona_data: { persona: 'Not yet reviewed.' } },
      });
      expect(pending.body.revision.status).toBe('pending');
    } finally {
      await admin('PATCH', '/api/admin/settings', { persona_review: 'off' });
    }

    const mine = await backend.request('GET', '/api/me/persona', { token: asha.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ persona_data: approved, updated_at: expect.any(String) });
  });

  it("shows each student their own persona, never another's", async () => {
    const asha = await freshStudent();
    const ravi = await freshStudent();
    await admin('POST', '/api/user-personas', { user_id: ravi.id, persona_data: { persona: 'Ravi.' } });
    expect((await backend.request('GET', '/api/me/persona', { token: asha.token })).status).toBe(404);
    expect((await backend.request('GET', '/api/me/persona', { token: ravi.token })).body.persona_data).toEqual({
      persona: 'Ravi.',
    });
  });

  it('is for students: 401 without a token, 403 for the admin and internal tokens', async () => {
    expect((await backend.request('GET', '/api/me/persona')).status).toBe(401);
    expect((await admin('GET', '/api/me/persona')).status).toBe(403);
    expect((await backend.request('GET', '/api/me/persona', { token: backend.internalToken })).status).toBe(403);
  });
});

describe('correction requests', () => {
  it('stores a request, trimmed, with its key, and answers 201 open', async () => {
    const asha = await freshStudent();
    const response = await correct(asha, { text: '  I do not like volcanoes any more.  ', key: 'inferred_interests' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      status: 'open',
      key: 'inferred_interests',
      text: 'I do not like volcanoes any more.',
      created_at: expect.any(String),
    });
    const withoutKey = await correct(asha, { text: 'Something is off.' });
    expect(withoutKey.status).toBe(201);
    expect(withoutKey.body.key).toBeNull();
  });

  it.each([
    ['empty text', { text: '' }, /text: must not be empty/],
    ['blank text', { text: '   \n ' }, /text: must not be empty/],
    ['text over 1000 characters', { text: 'x'.repeat(1001) }, /text: can have at most 1000 characters/],
    ['no text', {}, /text/],
    ['text that is not a string', { text: 7 }, /text/],
    ['a key that is not a persona key', { text: 'Wrong.', key: 'favourite_colour' }, /key: must be one of persona/],
  ])('refuses %s with 422 and stores nothing', async (_what, body, detail) => {
    const asha = await freshStudent();
    const response = await correct(asha, body);
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(detail);
    const queue = await admin('GET', '/api/persona-corrections?limit=500');
    expect(queue.body.some((c: { user_id: number }) => c.user_id === asha.id)).toBe(false);
  });

  it('accepts exactly 1000 characters', async () => {
    const asha = await freshStudent();
    expect((await correct(asha, { text: 'y'.repeat(1000) })).status).toBe(201);
  });

  it('is for students only: 401 without a token, 403 for the admin token', async () => {
    expect((await backend.request('POST', '/api/me/persona/corrections', { body: { text: 'x' } })).status).toBe(401);
    expect((await admin('POST', '/api/me/persona/corrections', { text: 'x' })).status).toBe(403);
  });

  it('is rate-limited per student: past the hourly allowance, 429 with a detail and Retry-After', async () => {
    const limited = await startBackend({ personaCorrectionRateLimitPerHour: 2 });
    try {
      const asha = await freshStudent(limited);
      const ravi = await freshStudent(limited);
      expect((await correct(asha, { text: 'One.' }, limited)).status).toBe(201);
      expect((await correct(asha, { text: 'Two.' }, limited)).status).toBe(201);
      const refused = await correct(asha, { text: 'Three.' }, limited);
      expect(refused.status).toBe(429);
      expect(refused.body.detail).toMatch(/^Too many requests: at most 2 per hour\. Try again in \d+ s\.$/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
      // a refused request is not stored, and a classmate's allowance is their own
      const queue = await limited.request('GET', '/api/persona-corrections', { token: limited.adminToken });
      expect(queue.body.filter((c: { user_id: number }) => c.user_id === asha.id)).toHaveLength(2);
      expect((await correct(ravi, { text: 'Mine.' }, limited)).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe("the operators' correction queue", () => {
  it('lists open requests oldest first with the student and their name; resolving takes one out', async () => {
    const asha = await freshStudent();
    const ravi = await freshStudent();
    const first = (await correct(asha, { text: 'First.' })).body;
    const second = (await correct(ravi, { text: 'Second.', key: 'persona' })).body;

    const queue = await admin('GET', '/api/persona-corrections?limit=500');
    expect(queue.status).toBe(200);
    const ids = queue.body.map((c: { id: number }) => c.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(queue.body.find((c: { id: number }) => c.id === second.id)).toEqual({
      id: second.id,
      user_id: ravi.id,
      name: ravi.name,
      status: 'open',
      key: 'persona',
      text: 'Second.',
      created_at: second.created_at,
      resolved_at: null,
      resolved_by: null,
      note: null,
    });

    const resolved = await admin('POST', `/api/persona-corrections/${first.id}/resolve`, {
      note: ' Removed volcanoes. ',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      id: first.id,
      user_id: asha.id,
      status: 'resolved',
      note: 'Removed volcanoes.',
      resolved_at: expect.any(String),
      resolved_by: { kind: 'token' },
    });
    const open = await admin('GET', '/api/persona-corrections?limit=500');
    expect(open.body.map((c: { id: number }) => c.id)).not.toContain(first.id);
    const done = await admin('GET', '/api/persona-corrections?status=resolved&limit=500');
    expect(done.body.map((c: { id: number }) => c.id)).toContain(first.id);
  });

  it('resolves without a note; resolving again is 409; unknown is 404; a non-integer id is 422', async () => {
    const asha = await freshStudent();
    const request = (await correct(asha, { text: 'Wrong.' })).body;
    const resolved = await admin('POST', `/api/persona-corrections/${request.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.note).toBeNull();
    const again = await admin('POST', `/api/persona-corrections/${request.id}/resolve`, { note: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`Persona correction ${request.id} is resolved, not open.`);
    const unknown = await admin('POST', '/api/persona-corrections/999999/resolve', {});
    expect(unknown.status).toBe(404);
    expect((await admin('POST', '/api/persona-corrections/x/resolve', {})).status).toBe(422);
  });

  it('refuses a note over 1000 characters and an unknown status with 422', async () => {
    const asha = await freshStudent();
    const request = (await correct(asha, { text: 'Wrong.' })).body;
    expect(
      (await admin('POST', `/api/persona-corrections/${request.id}/resolve`, { note: 'n'.repeat(1001) })).status,
    ).toBe(422);
    expect((await admin('GET', '/api/persona-corrections?status=closed')).status).toBe(422);
  });

  it('is for operators: a student gets 403 and cannot resolve their own request', async () => {
    const asha = await freshStudent();
    const request = (await correct(asha, { text: 'Wrong.' })).body;
    expect((await backend.request('GET', '/api/persona-corrections', { token: asha.token })).status).toBe(403);
    const resolve = await backend.request('POST', `/api/persona-corrections/${request.id}/resolve`, {
      token: asha.token,
      body: {},
    });
    expect(resolve.status).toBe(403);
    expect((await backend.request('GET', '/api/persona-corrections')).status).toBe(401);
  });
});
