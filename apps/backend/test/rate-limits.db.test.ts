import { rateLimitCounters } from '@coach/data';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../src/config.ts';
import {
  givenConversation,
  givenMessage,
  givenStudent,
  type StartOptions,
  startBackend,
  type TestBackend,
} from './harness.ts';

// Every request of these tests comes from 127.0.0.1: one address, like a classroom behind one NAT.

const started: TestBackend[] = [];
async function givenBackend(limits: Partial<Config>, options: StartOptions = {}): Promise<TestBackend> {
  const backend = await startBackend(limits, options);
  started.unshift(backend);
  return backend;
}
// replicas first: the Backend that created the database drops it
afterEach(async () => {
  for (const backend of started.splice(0)) await backend.close();
});

const login = (backend: TestBackend, identifier: string) =>
  backend.request('POST', '/api/auth/login', { body: { identifier } });

const phoneOf = (i: number) => `98${String(i).padStart(8, '0')}`;

describe('logins from one address', () => {
  it('lets a classroom of 60 students behind one address log in within a minute with the default limits', async () => {
    const defaults = loadConfig({});
    const backend = await givenBackend({
      loginRateLimitPerMinute: defaults.loginRateLimitPerMinute,
      loginAddressRateLimitPerMinute: defaults.loginAddressRateLimitPerMinute,
    });
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => login(backend, phoneOf(i))));
    expect(statuses.map((response) => response.status)).toEqual(Array(60).fill(200));
  });

  it("refuses one identifier past its limit while a classmate's logins from the same address go on", async () => {
    const backend = await givenBackend({ loginRateLimitPerMinute: 3, loginAddressRateLimitPerMinute: 100 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(backend, '9000000001')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await login(backend, '9000000002')).status).toBe(200);
  });

  it('counts an identifier as login normalises it, on both login routes', async () => {
    const backend = await givenBackend({ loginRateLimitPerMinute: 2, loginAddressRateLimitPerMinute: 100 });
    expect((await login(backend, '+91 90000-00003')).status).toBe(200);
    const phoneRoute = await backend.request('POST', '/api/auth/login/phone', {
      body: { phone_number: '9190000 00003' },
    });
    expect(phoneRoute.status).toBe(200);
    expect((await login(backend, '919000000003')).status).toBe(429);
    expect((await login(backend, '  Asha   Rao ')).status).toBe(200);
    expect((await login(backend, 'Asha Rao')).status).toBe(200);
    expect((await login(backend, 'Asha Rao')).status).toBe(429);
  });

  it('refuses every identifier from an address past its ceiling, with a detail and Retry-After', async () => {
    const backend = await givenBackend({ loginRateLimitPerMinute: 100, loginAddressRateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await login(backend, phoneOf(i))).status).toBe(200);
    const refused = await login(backend, phoneOf(5));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ detail: expect.stringMatching(/^Too many requests: at most 5 per minute\./) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('turns a limit off with 0', async () => {
    const backend = await givenBackend({ loginRateLimitPerMinute: 0, loginAddressRateLimitPerMinute: 0 });
    for (let i = 0; i < 5; i++) expect((await login(backend, '9000000005')).status).toBe(200);
    expect(await backend.database.db.select().from(rateLimitCounters)).toEqual([]);
  });
});

describe('counters across replicas', () => {
  it('shares login counters between two Backends on one database', async () => {
    const first = await givenBackend({ loginRateLimitPerMinute: 3, loginAddressRateLimitPerMinute: 100 });
    const second = await givenBackend(first.config, { replicaOf: first });
    expect((await login(first, '9000000006')).status).toBe(200);
    expect((await login(second, '9000000006')).status).toBe(200);
    expect((await login(first, '9000000006')).status).toBe(200);
    expect((await login(second, '9000000006')).status).toBe(429);
    expect((await login(first, '9000000006')).status).toBe(429);
  });

  it('shares the address ceiling between two Backends on one database', async () => {
    const first = await givenBackend({ loginRateLimitPerMinute: 100, loginAddressRateLimitPerMinute: 4 });
    const second = await givenBackend(first.config, { replicaOf: first });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 ? second : first, phoneOf(i))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("shares a student's message allowance between two Backends on one database", async () => {
    const first = await givenBackend({ messageRateLimitPerMinute: 2 });
    const second = await givenBackend(first.config, { replicaOf: first });
    const asha = await givenStudent(first);
    const conversationId = await givenConversation(first, asha);
    await givenMessage(first, asha, conversationId, 'one');
    await givenMessage(second, asha, conversationId, 'two');
    const refused = await second.request('POST', `/api/conversations/${conversationId}/messages`, {
      token: asha.token,
      body: { content: 'three', purpose: 'test' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/at most 2 per minute/);
  });
});

describe('messages', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend({ messageRateLimitPerMinute: 2 });
  });
  afterAll(() => backend?.close());

  it('gives each student behind one address an allowance of their own', async () => {
    const asha = await givenStudent(backend, 'Asha');
    const ravi = await givenStudent(backend, 'Ravi');
    const ashaConversation = await givenConversation(backend, asha);
    const raviConversation = await givenConversation(backend, ravi);
    const post = (student: typeof asha, conversationId: number) =>
      backend.request('POST', `/api/conversations/${conversationId}/messages`, {
        token: student.token,
        body: { content: 'hello', purpose: 'test' },
      });
    const statuses = [];
    for (const [student, conversationId] of [
      [asha, ashaConversation],
      [ravi, raviConversation],
      [asha, ashaConversation],
      [ravi, raviConversation],
      [asha, ashaConversation],
      [ravi, raviConversation],
    ] as const) {
      statuses.push((await post(student, conversationId)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('the counters table', () => {
  it('holds no phone number, name or address, and loses the windows that are over', async () => {
    const backend = await givenBackend({ loginRateLimitPerMinute: 10, loginAddressRateLimitPerMinute: 100 });
    await backend.database.db
      .insert(rateLimitCounters)
      .values({ key: 'login-identifier:long-gone', windowStart: new Date(Date.now() - 3_600_000), hits: 7 });
    const asha = await givenStudent(backend, 'Asha');
    const rows = await backend.database.db.select().from(rateLimitCounters);
    expect(rows.map((row) => row.key)).not.toContain('login-identifier:long-gone');
    expect(rows.map((row) => row.key.split(':')[0]).sort()).toEqual(['login-address', 'login-identifier']);
    const stored = JSON.stringify(rows);
    for (const secret of ['Asha', asha.name ?? '', '127.0.0.1']) expect(stored).not.toContain(secret);
  });
});
