import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../src/auth/tokens.ts';
import { issueStaffToken } from '../src/staff/tokens.ts';
import { givenStudent, startBackend, type TestBackend } from './harness.ts';
import { givenMember } from './staff.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

const asAdminToken = (method: string, path: string, body?: unknown) =>
  backend.request(method, path, { token: backend.adminToken, body });

describe('signing in', () => {
  it('answers a token, the member and never the password; the token reads /api/staff/me', async () => {
    const member = await givenMember(backend, 'reviewer', 'Ravi Rao');
    const signedIn = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email.toUpperCase(), password: member.password },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token_type).toBe('bearer');
    expect(signedIn.body.staff).toMatchObject({
      id: member.id,
      email: member.email,
      name: 'Ravi Rao',
      role: 'reviewer',
    });
    expect(JSON.stringify(signedIn.body)).not.toContain(member.password);
    const me = await backend.request('GET', '/api/staff/me', { token: signedIn.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(member.email);
  });

  it('says the same thing for a wrong email and a wrong password', async () => {
    const member = await givenMember(backend, 'viewer');
    const wrongPassword = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email, password: 'not the password at all' },
    });
    const wrongEmail = await backend.request('POST', '/api/staff/login', {
      body: { email: 'nobody@school.test', password: member.password },
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongEmail.body.detail).toBe(wrongPassword.body.detail);
  });

  it('is rate-limited per email: the next attempt is 429 even with the right password', async () => {
    const limited = await startBackend({ loginRateLimitPerMinute: 3 });
    try {
      const member = await givenMember(limited, 'viewer');
      // givenMember signed in once
      for (let i = 0; i < 2; i++) {
        const wrong = await limited.request('POST', '/api/staff/login', {
          body: { email: member.email, password: 'wrong password!' },
        });
        expect(wrong.status).toBe(401);
      }
      const refused = await limited.request('POST', '/api/staff/login', {
        body: { email: member.email.toUpperCase(), password: member.password },
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      // another member is not held back by it
      const other = await givenMember(limited, 'viewer');
      expect(other.token).toBeTruthy();
    } finally {
      await limited.close();
    }
  });

  it('refuses a disabled member with the same message', async () => {
    const member = await givenMember(backend, 'viewer');
    await asAdminToken('PATCH', `/api/admin/staff/${member.id}`, { disabled: true });
    const refused = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email, password: member.password },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('Wrong email or password.');
  });
});

describe('tokens', () => {
  it('stop working the moment the member is disabled (401), and work again for a new sign-in once enabled', async () => {
    await givenMember(backend, 'admin');
    // a second admin: the last enabled one could not be disabled
    const member = await givenMember(backend, 'admin');
    expect((await backend.request('GET', '/api/admin/staff', { token: member.token })).status).toBe(200);
    await asAdminToken('PATCH', `/api/admin/staff/${member.id}`, { disabled: true });
    const old = await backend.request('GET', '/api/admin/staff', { token: member.token });
    expect(old.status).toBe(401);
    await asAdminToken('PATCH', `/api/admin/staff/${member.id}`, { disabled: false });
    // re-enabling does not bring the old session back
    expect((await backend.request('GET', '/api/staff/me', { token: member.token })).status).toBe(401);
    const again = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email, password: member.password },
    });
    expect((await backend.request('GET', '/api/staff/me', { token: again.body.access_token })).status).toBe(200);
  });

  it("carry no role: a role change applies to the member's next request", async () => {
    const member = await givenMember(backend, 'viewer');
    expect((await backend.request('GET', '/api/admin/staff', { token: member.token })).status).toBe(403);
    await asAdminToken('PATCH', `/api/admin/staff/${member.id}`, { role: 'admin' });
    expect((await backend.request('GET', '/api/admin/staff', { token: member.token })).status).toBe(200);
    await asAdminToken('PATCH', `/api/admin/staff/${member.id}`, { role: 'reviewer' });
    expect((await backend.request('GET', '/api/admin/staff', { token: member.token })).status).toBe(403);
  });

  it('of a student are not staff tokens, and a staff token is no student token', async () => {
    const student = await givenStudent(backend, `Kid${Date.now() % 1e6}`);
    const member = await givenMember(backend, 'admin');
    // a student token naming the member's id, signed with the same secret
    const forged = issueAccessToken(member.id, backend.tokenSecret, 600);
    for (const [token, expected] of [
      [student.token, 403],
      // no student has the member's id (401), or the student who has it is a student (403): never the member
      [forged, expect.toSatisfy((status: number) => status === 401 || status === 403)],
    ] as const) {
      expect((await backend.request('GET', '/api/staff/me', { token })).status).toEqual(expected);
      expect((await backend.request('GET', '/api/admin/staff', { token })).status).toEqual(expected);
      expect((await backend.request('GET', '/api/admin/audit', { token })).status).toEqual(expected);
    }
    expect((await backend.request('GET', '/api/auth/me', { token: member.token })).status).toBe(403);
    expect((await backend.request('GET', '/api/conversations', { token: member.token })).status).toBe(403);
  });

  it('expire, and one signed with another secret is unknown', async () => {
    const member = await givenMember(backend, 'viewer');
    const expired = issueStaffToken(
      { id: member.id, tokenVersion: 0 },
      backend.tokenSecret,
      60,
      Date.now() - 3_600_000,
    );
    const res = await backend.request('GET', '/api/staff/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('expired');
    const foreign = issueStaffToken({ id: member.id, tokenVersion: 0 }, 'b'.repeat(64), 600);
    expect((await backend.request('GET', '/api/staff/me', { token: foreign })).status).toBe(401);
  });

  it('the admin token has no member: /api/staff/me is 403 for it', async () => {
    expect((await asAdminToken('GET', '/api/staff/me')).status).toBe(403);
  });
});

describe('my password', () => {
  it('changes with the current one; a weak one is 422, a wrong current one 403; older tokens stop', async () => {
    const member = await givenMember(backend, 'reviewer');
    const change = (body: unknown) => backend.request('POST', '/api/staff/me/password', { token: member.token, body });
    const weak = await change({ current_password: member.password, new_password: 'short pw' });
    expect(weak.status).toBe(422);
    const wrong = await change({ current_password: 'not my password', new_password: 'a long enough password' });
    expect(wrong.status).toBe(403);
    expect((await change({ current_password: member.password, new_password: 'a long enough password' })).status).toBe(
      204,
    );
    expect((await backend.request('GET', '/api/staff/me', { token: member.token })).status).toBe(401);
    const old = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email, password: member.password },
    });
    expect(old.status).toBe(401);
    const fresh = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email, password: 'a long enough password' },
    });
    expect(fresh.status).toBe(200);
  });
});

describe('managing staff', () => {
  it('creates a member (never answering the password), lists them, and refuses a duplicate email in any case (409)', async () => {
    const email = `dup.${Date.now()}@school.test`;
    const body = { email, name: 'Dee', role: 'viewer', password: 'twelve chars ok' };
    const created = await asAdminToken('POST', '/api/admin/staff', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, name: 'Dee', role: 'viewer', disabled: false });
    expect(JSON.stringify(created.body)).not.toContain('twelve chars ok');
    const again = await asAdminToken('POST', '/api/admin/staff', { ...body, email: email.toUpperCase() });
    expect(again.status).toBe(409);
    const list = await asAdminToken('GET', '/api/admin/staff');
    expect(list.body.filter((m: { email: string }) => m.email === email)).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt/);
  });

  it('refuses a weak password (422), an unknown role and a bad email', async () => {
    const weak = await asAdminToken('POST', '/api/admin/staff', {
      email: 'w@school.test',
      name: 'W',
      role: 'viewer',
      password: 'elevenchars',
    });
    expect(weak.status).toBe(422);
    const role = await asAdminToken('POST', '/api/admin/staff', {
      email: 'r@school.test',
      name: 'R',
      role: 'owner',
      password: 'twelve chars ok',
    });
    expect(role.status).toBe(422);
    const email = await asAdminToken('POST', '/api/admin/staff', {
      email: 'not-an-email',
      name: 'E',
      role: 'viewer',
      password: 'twelve chars ok',
    });
    expect(email.status).toBe(422);
  });

  it('keeps the last enabled admin: demoting or disabling them is 409', async () => {
    const solo = await startBackend();
    try {
      const admin = await givenMember(solo, 'admin');
      const demote = await solo.request('PATCH', `/api/admin/staff/${admin.id}`, {
        token: admin.token,
        body: { role: 'viewer' },
      });
      expect(demote.status).toBe(409);
      const disable = await solo.request('PATCH', `/api/admin/staff/${admin.id}`, {
        token: solo.adminToken,
        body: { disabled: true },
      });
      expect(disable.status).toBe(409);
      // with a second admin, the first may step down
      await givenMember(solo, 'admin');
      const stepDown = await solo.request('PATCH', `/api/admin/staff/${admin.id}`, {
        token: admin.token,
        body: { role: 'reviewer' },
      });
      expect(stepDown.status).toBe(200);
      expect(stepDown.body.role).toBe('reviewer');
    } finally {
      await solo.close();
    }
  });

  it('is for admins: a reviewer and a viewer get 403; an unknown member 404', async () => {
    for (const role of ['reviewer', 'viewer'] as const) {
      const member = await givenMember(backend, role);
      for (const [method, path, body] of [
        ['GET', '/api/admin/staff', undefined],
        ['POST', '/api/admin/staff', { email: 'x@school.test', name: 'X', role: 'admin', password: 'twelve chars ok' }],
        ['PATCH', `/api/admin/staff/${member.id}`, { role: 'admin' }],
        ['GET', '/api/admin/audit', undefined],
      ] as const) {
        const res = await backend.request(method, path, { token: member.token, body });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    expect((await asAdminToken('PATCH', '/api/admin/staff/999999', { name: 'Nobody' })).status).toBe(404);
  });
});
