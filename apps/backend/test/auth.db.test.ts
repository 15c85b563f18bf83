import { users } from '@coach/data';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../src/auth/tokens.ts';
import { givenStudent, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

const login = (body: unknown, path = '/api/auth/login') => backend.request('POST', path, { body });

async function countUsers(): Promise<number> {
  const [row] = await backend.database.db.select({ n: count() }).from(users);
  return row!.n;
}

describe('login by name', () => {
  it('gives a new name a numbered suffix and logs the student in under it', async () => {
    const response = await login({ identifier: 'Meera' });
    expect(response.status).toBe(200);
    expect(response.body.generated_name).toMatch(/^Meera-\d{4}$/);
    expect(response.body.user).toMatchObject({ name: response.body.generated_name, phone_number: null });
    expect(response.body).toMatchObject({ success: true, token_type: 'bearer' });
    expect(response.body.access_token).toEqual(expect.any(String));
  });

  it('returns the same student, without a new generated name, for the generated name', async () => {
    const first = await login({ identifier: 'Kabir' });
    const again = await login({ identifier: first.body.generated_name });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    expect(again.body.generated_name).toBeNull();
  });

  it('keeps two students who typed the same name apart', async () => {
    const one = await login({ identifier: 'Zoya' });
    const two = await login({ identifier: 'Zoya' });
    expect(two.body.user.id).not.toBe(one.body.user.id);
    expect(two.body.generated_name).not.toBe(one.body.generated_name);
  });
});

describe('login by phone number', () => {
  it('treats 10 to 15 digits as a phone number, without spaces, dashes or +', async () => {
    const response = await login({ identifier: '+91 98765-43210' });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ phone_number: '919876543210', name: null });
    expect(response.body.generated_name).toBeNull();
  });

  it('logs the same number in as the same student however it is written', async () => {
    const first = await login({ identifier: '9123456780' });
    const second = await login({ identifier: '912-345-6780' });
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  it('accepts {phone_number} on /login and on the older /login/phone', async () => {
    const viaLogin = await login({ phone_number: '+44 20 7946 0958' });
    expect(viaLogin.status).toBe(200);
    const viaPhone = await login({ phone_number: '442079460958' }, '/api/auth/login/phone');
    expect(viaPhone.status).toBe(200);
    expect(viaPhone.body.user.id).toBe(viaLogin.body.user.id);
  });

  it('refuses a name on /login/phone', async () => {
    const before = await countUsers();
    const response = await login({ phone_number: 'Meera' }, '/api/auth/login/phone');
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/phone number/);
    expect(await countUsers()).toBe(before);
  });
});

describe('bad identifiers', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['an empty identifier', { identifier: '' }, /identifier/],
    ['a whitespace identifier', { identifier: '   ' }, /identifier/],
    ['no identifier at all', {}, /identifier/],
    ['9 digits', { identifier: '987654321' }, /10 to 15 digits/],
    ['16 digits', { identifier: '1234567890123456' }, /10 to 15 digits/],
    ['a 500-character name', { identifier: 'a'.repeat(500) }, /identifier/],
    ['a number instead of a string', { identifier: 9876543210 }, /identifier/],
    ['a number as phone_number', { phone_number: 9876543210 }, /phone_number/],
  ];
  for (const [what, body, detail] of cases) {
    it(`answers 422 for ${what} and creates no student`, async () => {
      const before = await countUsers();
      const response = await login(body);
      expect(response.status).toBe(422);
      expect(response.body.detail).toMatch(detail);
      expect(await countUsers()).toBe(before);
    });
  }

  it('answers 422 for an empty or too short number on /login/phone', async () => {
    const before = await countUsers();
    for (const phone_number of ['', '12345']) {
      const response = await login({ phone_number }, '/api/auth/login/phone');
      expect(response.status, JSON.stringify(phone_number)).toBe(422);
      expect(response.body.detail).toMatch(/phone/);
    }
    expect(await countUsers()).toBe(before);
  });
});

describe('access tokens', () => {
  it('identifies the student on /api/auth/me', async () => {
    const asha = await givenStudent(backend);
    const me = await backend.request('GET', '/api/auth/me', { token: asha.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: asha.id, name: asha.name, phone_number: null });
    expect(Number.isNaN(Date.parse(me.body.created_at))).toBe(false);
  });

  it('tells a student whose token has expired to log in again', async () => {
    const asha = await givenStudent(backend);
    const expired = issueAccessToken(asha.id, backend.tokenSecret, 60, Date.now() - 61_000);
    const me = await backend.request('GET', '/api/auth/me', { token: expired });
    expect(me.status).toBe(401);
    expect(me.body.detail).toBe('Your session has expired. Please log in again.');
  });

  it('refuses a token whose payload was changed', async () => {
    const asha = await givenStudent(backend);
    const ravi = await givenStudent(backend, 'Ravi');
    const [header, , signature] = asha.token.split('.');
    const claims = { sub: ravi.id, exp: Math.floor(Date.now() / 1000) + 3600 };
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const me = await backend.request('GET', '/api/auth/me', { token: forged });
    expect(me.status).toBe(401);
    expect(me.body.detail).toBe('Invalid or unknown token.');
  });

  it('refuses a token signed with another secret', async () => {
    const asha = await givenStudent(backend);
    const foreign = issueAccessToken(asha.id, 'not-the-backend-secret-not-the-backend-secret', 3600);
    const me = await backend.request('GET', '/api/auth/me', { token: foreign });
    expect(me.status).toBe(401);
  });

  it('keeps the admin token off student routes with 403', async () => {
    const me = await backend.request('GET', '/api/auth/me', { token: backend.adminToken });
    expect(me.status).toBe(403);
    expect(me.body.detail).toMatch(/students/);
  });

  it('answers 401 without a token', async () => {
    const me = await backend.request('GET', '/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.detail).toMatch(/Bearer/);
  });
});

describe('login rate limit', () => {
  let limited: TestBackend;
  beforeAll(async () => {
    limited = await startBackend({ loginRateLimitPerMinute: 3 });
  });
  afterAll(() => limited?.close());

  it('answers 429 with a detail after the allowed logins in a minute', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await limited.request('POST', '/api/auth/login', { body: { identifier: '9000000001' } });
      expect(ok.status).toBe(200);
    }
    const refused = await limited.request('POST', '/api/auth/login', { body: { identifier: '9000000001' } });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/at most 3 per minute/);
  });

  it('does not give a caller a fresh allowance for a made-up Authorization header', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await limited.request('POST', '/api/auth/login/phone', {
        token: `made-up-${i}`,
        body: { phone_number: '9000000002' },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
